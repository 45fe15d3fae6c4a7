import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { invoke } from "./backend";
import "../i18n";

import Companies from "../screens/Companies";
import { renderWithQueries } from "./queries";

const romashka = {
  id: 1,
  name: "ТОВ «Ромашка»",
  kind: "ТОВ",
  tax_id: "14360570",
  vat: { type: "payer", ipn: "143605726543" },
  address: "Київ",
  invoice_merchant_id: null,
  signer: "Петренко О.",
};

describe("Companies", () => {
  it("lists the requisites and adds a ФОП on the single tax, as the backend takes it", async () => {
    const shevchuk = { ...romashka, id: 2, name: "ФОП Шевчук", kind: "ФОП", tax_id: "3012345670", vat: { type: "single_tax", group: 2 } };
    invoke.mockImplementation((cmd: string) =>
      Promise.resolve(cmd === "list_companies" ? [romashka] : cmd === "save_company" ? [romashka, shevchuk] : null),
    );
    const user = userEvent.setup();
    renderWithQueries(<Companies />);
    expect(await screen.findByText(/платник ПДВ, ІПН 143605726543/)).toBeInTheDocument();
    await user.click(screen.getByTestId("company-new"));
    await user.type(screen.getByTestId("company-name"), "ФОП Шевчук");
    await user.type(screen.getByTestId("company-tax-id"), "3012345670");
    await user.selectOptions(screen.getByTestId("company-vat"), "single_tax");
    await user.selectOptions(await screen.findByTestId("company-group"), "2");
    await user.click(screen.getByTestId("company-save"));
    expect(invoke).toHaveBeenCalledWith("save_company", {
      id: null,
      input: {
        name: "ФОП Шевчук",
        kind: "",
        tax_id: "3012345670",
        vat: { type: "single_tax", group: 2 },
        address: "",
        invoice_merchant_id: null,
        signer: "",
      },
    });
    await waitFor(() => expect(screen.getAllByTestId("company-row")).toHaveLength(2));
    expect(screen.getByTestId("company-notice")).toHaveTextContent("Компанію збережено.");
  });

  it("shows the backend's refusal in words and keeps the form", async () => {
    invoke.mockImplementation((cmd: string) =>
      cmd === "save_company"
        ? Promise.reject({ code: "invalid_tax_id", message: "Код 3012345671 містить помилку: контрольна цифра не збігається." })
        : Promise.resolve(cmd === "list_companies" ? [] : null),
    );
    const user = userEvent.setup();
    renderWithQueries(<Companies />);
    await user.click(await screen.findByTestId("company-new"));
    await user.type(screen.getByTestId("company-name"), "ФОП Шевчук");
    await user.type(screen.getByTestId("company-tax-id"), "3012345671");
    await user.click(screen.getByTestId("company-save"));
    expect(await screen.findByTestId("company-error")).toHaveTextContent("контрольна цифра");
    expect(screen.getByTestId("company-form")).toBeInTheDocument();
  });
});

describe("A company's own settings", () => {
  it("switches automatic allocation off for the company alone, and back to the global value", async () => {
    const global = { key: "auto_allocate", value: "on", own: false, global: "on" };
    const category = { key: "default_expense_category", value: "Інші витрати", own: false, global: "Інші витрати" };
    const off = { ...global, value: "off", own: true };
    invoke.mockImplementation((cmd: string, args: { value?: string | null }) =>
      Promise.resolve(
        cmd === "list_companies"
          ? [romashka]
          : cmd === "company_settings"
            ? [global, category]
            : cmd === "save_company_setting"
              ? [args.value === "off" ? off : global, category]
              : null,
      ),
    );
    const user = userEvent.setup();
    renderWithQueries(<Companies />);
    await user.click(await screen.findByTestId("company-edit"));
    const select = await screen.findByTestId("own-auto_allocate-value");
    expect(select).toHaveValue("");
    expect(screen.getByTestId("own-auto_allocate-whose")).toHaveTextContent("загальне значення");
    await user.selectOptions(select, "off");
    expect(invoke).toHaveBeenCalledWith("save_company_setting", { companyId: 1, key: "auto_allocate", value: "off" });
    await waitFor(() => expect(screen.getByTestId("own-auto_allocate-whose")).toHaveTextContent("власне значення"));
    await user.selectOptions(screen.getByTestId("own-auto_allocate-value"), "");
    expect(invoke).toHaveBeenCalledWith("save_company_setting", { companyId: 1, key: "auto_allocate", value: null });
    await waitFor(() => expect(screen.getByTestId("own-auto_allocate-whose")).toHaveTextContent("загальне значення"));
  });
});
