import { describe, expect, it, vi } from "vitest";
import { invoke } from "./backend";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "../i18n";

// The backend is not here: the form's calls go to a stand-in that records them.

import { MerchantForm, Rename, validIban } from "../screens/Merchants";

const GOOD = "UA213223130000026007233566001";

describe("validIban", () => {
  it("accepts a Ukrainian IBAN with or without spaces", () => {
    expect(validIban(GOOD)).toBe(true);
    expect(validIban("UA21 3223 1300 0002 6007 2335 6600 1")).toBe(true);
  });

  it("refuses a wrong checksum, a short number and a foreign IBAN", () => {
    expect(validIban("UA213223130000026007233566002")).toBe(false);
    expect(validIban("UA2132231300000260072335660")).toBe(false);
    expect(validIban("DE89370400440532013000")).toBe(false);
  });
});

describe("MerchantForm", () => {

  it("shows a wrong IBAN inline and asks the bank nothing", async () => {
    const user = userEvent.setup();
    render(<MerchantForm onAdded={() => {}} onCancel={() => {}} />);
    await user.type(screen.getByTestId("field-name"), "ФОП Тест");
    await user.type(screen.getByTestId("field-account"), "UA00 1234");
    await user.type(screen.getByTestId("field-token"), "t");
    await user.click(screen.getByTestId("merchant-check"));
    expect(await screen.findByTestId("error-account")).toHaveTextContent("IBAN");
    expect(invoke).not.toHaveBeenCalled();
  });

  it("sends the cleaned fields and shows the bank's refusal in words", async () => {
    invoke.mockRejectedValueOnce({ code: "credentials_rejected", message: "Банк відхилив токен (HTTP 401)." });
    const user = userEvent.setup();
    render(<MerchantForm onAdded={() => {}} onCancel={() => {}} />);
    await user.type(screen.getByTestId("field-name"), "  ФОП Тест ");
    await user.type(screen.getByTestId("field-account"), "ua21 3223 1300 0002 6007 2335 6600 1");
    await user.type(screen.getByTestId("field-token"), " secret ");
    await user.click(screen.getByTestId("merchant-check"));
    expect(await screen.findByTestId("merchant-error")).toHaveTextContent("Банк відхилив токен");
    expect(invoke).toHaveBeenCalledWith("check_connection", {
      input: { name: "ФОП Тест", account: GOOD, currency: "UAH", client_id: null, token: "secret", company: null },
    });
  });

  it("saves and reports success", async () => {
    invoke.mockResolvedValueOnce({ id: 1, name: "ФОП Тест" });
    const onAdded = vi.fn();
    const user = userEvent.setup();
    render(<MerchantForm onAdded={onAdded} onCancel={() => {}} />);
    await user.type(screen.getByTestId("field-name"), "ФОП Тест");
    await user.type(screen.getByTestId("field-account"), GOOD);
    await user.type(screen.getByTestId("field-token"), "secret");
    await user.click(screen.getByTestId("merchant-save"));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(invoke.mock.calls[0][0]).toBe("add_merchant");
  });
});

describe("Rename", () => {

  it("sends the trimmed new name and reports the saved one", async () => {
    invoke.mockResolvedValueOnce({ id: 1, name: "Головний" });
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(<Rename name="Основний" onDone={onDone} onCancel={() => {}} />);
    const input = screen.getByTestId("rename-input");
    await user.clear(input);
    await user.type(input, "  Головний ");
    await user.click(screen.getByText("Зберегти"));
    expect(invoke).toHaveBeenCalledWith("rename_merchant", { name: "Основний", newName: "Головний" });
    expect(onDone).toHaveBeenCalledWith("Головний");
  });

  it("refuses an empty name without asking and shows a taken name's error", async () => {
    const user = userEvent.setup();
    render(<Rename name="Основний" onDone={() => {}} onCancel={() => {}} />);
    const input = screen.getByTestId("rename-input");
    await user.clear(input);
    await user.click(screen.getByText("Зберегти"));
    expect(await screen.findByText("Вкажіть назву.")).toBeInTheDocument();
    expect(invoke).not.toHaveBeenCalled();

    invoke.mockRejectedValueOnce({ code: "name_taken", message: "Назва «Валютний» вже зайнята." });
    await user.type(input, "валютний");
    await user.click(screen.getByText("Зберегти"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Валютний");
  });
});
