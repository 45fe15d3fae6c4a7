import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import uk from "./locales/uk.json";
import type { Lang } from "./format";

i18next.use(initReactI18next).init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  lng: "uk",
  fallbackLng: "uk",
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: string) {
  void i18next.changeLanguage(lang === "en" ? "en" : "uk");
  document.documentElement.lang = lang === "en" ? "en" : "uk";
}

export function currentLang(): Lang {
  return i18next.language === "en" ? "en" : "uk";
}

export default i18next;
