import { useTranslation } from "react-i18next";

export default function Welcome({ onAdd, onDemo }: { onAdd: () => void; onDemo: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="welcome" data-testid="welcome">
      <h1>{t("welcome.title")}</h1>
      <p>{t("welcome.text")}</p>
      <div className="actions">
        <button className="primary" data-testid="welcome-add" onClick={onAdd}>
          {t("welcome.add")}
        </button>
        <button data-testid="welcome-demo" onClick={onDemo}>
          {t("welcome.demo")}
        </button>
      </div>
    </section>
  );
}
