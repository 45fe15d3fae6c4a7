import { describe, expect, it } from "vitest";
import { invoke } from "./backend";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithQueries } from "./queries";
import "../i18n";
import Categories from "../screens/Categories";

const companies = [
  { id: 1, name: "ТОВ «Ромашка»" },
  { id: 2, name: "ФОП Шевчук" },
];

describe("Category rules with several companies", () => {
  it("limits a new rule to the company chosen, and each rule says whose it is", async () => {
    const rent = {
      id: 5,
      position: 1,
      field: "purpose",
      op: "contains",
      pattern: "оренда",
      category: "Оренда",
      company: { id: 2, name: "ФОП Шевчук" },
    };
    const paper = { ...rent, id: 6, position: 2, pattern: "папір", category: "Канцтовари", company: null };
    invoke.mockImplementation((cmd: string) =>
      Promise.resolve(
        cmd === "list_companies"
          ? companies
          : cmd === "list_categories"
            ? { categories: [], rules: [paper] }
            : { categories: [], rules: [rent, paper] },
      ),
    );
    const user = userEvent.setup();
    renderWithQueries(<Categories />);
    await user.selectOptions(await screen.findByTestId("rule-company-choice"), "2");
    await user.type(screen.getByTestId("rule-pattern"), "оренда");
    await user.type(screen.getByTestId("rule-category"), "Оренда");
    await user.click(screen.getByTestId("rule-add"));
    expect(invoke).toHaveBeenCalledWith("change_categories", {
      change: { action: "add_rule", field: "purpose", op: "contains", pattern: "оренда", category: "Оренда", company_id: 2 },
    });
    const whose = (await screen.findAllByTestId("rule-company")).map((c) => c.textContent);
    expect(whose).toEqual(["ФОП Шевчук", "усі компанії"]);
  });
});
