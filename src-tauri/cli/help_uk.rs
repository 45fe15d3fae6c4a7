//! The CLI's help in Ukrainian: each command's and argument's words, applied to the clap
//! command line at run time when the CLI speaks Ukrainian (the English help is the doc comments
//! of `args.rs`). A path is the command's words, then `--flag` or a positional's name.

/// (path, words). The root is "".
pub(super) const HELP: &[(&str, &str)] = &[
    ("", "Виписки ПриватБанку для малого бізнесу. Без команди відкриває застосунок"),
    ("--hidden", "Запустити в треї, не показуючи вікна (так запускає автозапуск)"),
    ("--open", "Відкрити застосунок на платежі, рахунку, банківському рахунку або перевірці (statements:42); запущений застосунок переходить туди"),
    ("company", "Компанії: підприємства, чиї рахунки й рахунки-фактури тут ведуться — додати, показати, змінити, видалити"),
    ("company add", "Додати компанію"),
    ("company add --name", "Назва компанії"),
    ("company add --tax-id", "ЄДРПОУ (8 цифр) або РНОКПП (10 цифр)"),
    ("company add --kind", "ТОВ, ФОП, ПП… (типово — з назви)"),
    ("company add --vat-payer", "Платник ПДВ, з його ІПН (12 цифр)"),
    ("company add --no-vat", "Не платник ПДВ"),
    ("company add --single-tax", "На єдиному податку, група 1, 2 або 3"),
    ("company add --address", "Адреса"),
    ("company add --signer", "Хто підписує рахунки-фактури"),
    ("company add --invoice-account", "Рахунок у банку (назва), на який платять за рахунками-фактурами"),
    ("company list", "Показати компанії"),
    ("company list --json", "У форматі JSON"),
    ("company edit", "Змінити компанію: лише вказані поля"),
    ("company edit name", "Теперішня назва"),
    ("company edit --name", "Нова назва"),
    ("company edit --tax-id", "ЄДРПОУ або РНОКПП"),
    ("company edit --kind", "ТОВ, ФОП, ПП… (типово — з назви)"),
    ("company edit --vat-payer", "Платник ПДВ, з його ІПН (12 цифр)"),
    ("company edit --no-vat", "Не платник ПДВ"),
    ("company edit --single-tax", "На єдиному податку, група 1, 2 або 3"),
    ("company edit --address", "Адреса"),
    ("company edit --signer", "Хто підписує рахунки-фактури"),
    ("company edit --invoice-account", "Рахунок у банку (назва), на який платять за рахунками-фактурами"),
    ("company remove", "Видалити компанію; поки в неї є рахунки чи рахунки-фактури — лише з --move-to або --delete-all"),
    ("company remove name", "Назва компанії"),
    ("company remove --move-to", "Спершу перенести її рахунки й рахунки-фактури до цієї компанії"),
    ("company remove --delete-all", "Видалити її рахунки й рахунки-фактури разом із нею (виписки рахунків лишаються)"),
    ("employee", "Працівники, яким повідомляють, і що чує кожен — додати, показати, змінити, видалити"),
    ("employee add", "Додати працівника; він чує про нові оплати, якщо --hears не каже іншого"),
    ("employee add name", "Ім'я працівника"),
    ("employee add --email", "Його адреса електронної пошти"),
    ("employee add --hears", "Про що повідомляти: payments (оплати), invoices (оплачені рахунки), review (на розгляд), trouble (негаразди); через кому, none — ні про що"),
    ("employee add --company", "Компанії, про які він чує (повторіть для кількох; без — усі)"),
    ("employee add --all-companies", "Чути про всі компанії"),
    ("employee add --this-computer", "Він працює за цим комп'ютером: сповіщення тут (on/off; у команді комп'ютер — той працівник, яким він приєднався)"),
    ("employee list", "Показати працівників і що чує кожен"),
    ("employee list --json", "Вивести як JSON"),
    ("employee edit", "Змінити працівника: лише те, що вказано"),
    ("employee edit name", "Теперішнє ім'я працівника"),
    ("employee edit --name", "Нове ім'я"),
    ("employee edit --email", "Його адреса електронної пошти"),
    ("employee edit --hears", "Про що повідомляти: payments (оплати), invoices (оплачені рахунки), review (на розгляд), trouble (негаразди); через кому, none — ні про що"),
    ("employee edit --company", "Компанії, про які він чує (повторіть для кількох)"),
    ("employee edit --all-companies", "Знову чути про всі компанії"),
    ("employee edit --this-computer", "Він працює за цим комп'ютером: сповіщення тут (on/off)"),
    ("employee remove", "Видалити працівника"),
    ("employee remove name", "Ім'я працівника"),
    ("merchant add --company", "Компанія, якій належить рахунок (типово — та, яку називає банк, або єдина, або нова)"),
    ("invoice add --company", "Компанія, що виставляє рахунок-фактуру (потрібно, коли компаній кілька)"),
    ("invoice edit --company", "Компанія, чий це рахунок-фактура (потрібно, коли такий номер є в кількох)"),
    ("invoice import --company", "Компанія, що виставляє рахунки-фактури (потрібно, коли компаній кілька)"),
    ("statements --company", "Лише рахунки цієї компанії"),
    ("invoices --company", "Лише рахунки-фактури цієї компанії"),
    ("balances --company", "Лише рахунки цієї компанії"),
    ("merchant", "Додати, показати, перейменувати й видалити банківські рахунки"),
    ("merchant add", "Додати рахунок; токен читається зі стандартного вводу й зберігається у сховищі паролів системи"),
    ("merchant add --name", "Назва рахунку, як ви її бачитимете"),
    ("merchant add --account", "Номер рахунку (IBAN)"),
    ("merchant add --currency", "Валюта рахунку: UAH, USD, EUR…"),
    ("merchant add --client-id", "ID клієнта, якщо доступ видано в старому форматі"),
    ("merchant add --token-stdin", "Прочитати токен зі стандартного вводу (ніколи з аргументу: аргументи видно іншим користувачам)"),
    ("merchant add --sync-from", "Перший день першої синхронізації, ДД.ММ.РРРР (типово 30 днів тому)"),
    ("merchant list", "Показати рахунки з останньою синхронізацією"),
    ("merchant list --json", "У форматі JSON"),
    ("merchant rename", "Перейменувати рахунок; його виписки й токен лишаються"),
    ("merchant rename name", "Теперішня назва"),
    ("merchant rename new_name", "Нова назва"),
    ("merchant remove", "Видалити рахунок і його запис у сховищі паролів"),
    ("merchant remove name", "Назва рахунку"),
    ("merchant remove --delete-statements", "Видалити також його виписки й залишки (типово вони лишаються)"),
    ("sync", "Отримати виписки й залишки з банку зараз"),
    ("sync --merchant", "Лише цей рахунок"),
    ("sync --from", "Отримати від цього дня (ДД.ММ.РРРР), а не від останнього синхронізованого"),
    ("statements", "Показати збережені виписки, найновіші спершу"),
    ("statements --json", "У форматі JSON"),
    ("statements --merchant", "Лише цей рахунок"),
    ("statements --from", "Перша дата валютування, ДД.ММ.РРРР"),
    ("statements --to", "Остання дата валютування, ДД.ММ.РРРР"),
    ("statements --direction", "in — надходження, out — витрати"),
    ("statements --search", "Слова в призначенні платежу чи назві контрагента (мінус на початку — частина тексту)"),
    ("balances", "Останній залишок кожного рахунку"),
    ("balances --json", "У форматі JSON"),
    ("balances --merchant", "Лише цей рахунок"),
    ("invoice", "Рахунки-фактури: додати, змінити, скасувати, імпортувати"),
    ("invoice add", "Додати рахунок-фактуру"),
    ("invoice add --number", "Номер, як його пише бізнес: 123, СФ-000123, INV-2026/045"),
    ("invoice add --amount", "Сума, як на рахунку: 1 250,50 або 1250.50"),
    ("invoice add --currency", "Валюта: UAH, USD, EUR…"),
    ("invoice add --date", "Дата рахунку, ДД.ММ.РРРР (типово сьогодні)"),
    ("invoice add --customer", "Клієнт"),
    ("invoice add --customer-tax-id", "ЄДРПОУ або РНОКПП клієнта"),
    ("invoice add --due", "Оплатити до, ДД.ММ.РРРР"),
    ("invoice edit", "Змінити рахунок-фактуру: лише вказані поля (оплати лишаються, статус іде за ними)"),
    ("invoice edit number", "Теперішній номер рахунку"),
    ("invoice edit --number", "Новий номер"),
    ("invoice edit --amount", "Нова сума"),
    ("invoice edit --currency", "Нова валюта"),
    ("invoice edit --date", "Нова дата рахунку, ДД.ММ.РРРР"),
    ("invoice edit --customer", "Клієнт"),
    ("invoice edit --customer-tax-id", "ЄДРПОУ або РНОКПП клієнта"),
    ("invoice edit --due", "Оплатити до, ДД.ММ.РРРР"),
    ("invoice edit --note", "Примітка"),
    ("invoice cancel", "Скасувати рахунок-фактуру (його оплати лишаються записаними)"),
    ("invoice cancel number", "Номер рахунку"),
    ("invoice pdf", "Записати рахунок у PDF (A4, з платіжним QR-кодом Національного банку)"),
    ("invoice pdf number", "Номер рахунку"),
    ("invoice pdf --company", "Компанія, що його виставила (потрібно, коли такий номер є в кількох)"),
    ("invoice pdf --format", "Формат платіжного коду: 003 (типово) або 002 (для старіших застосунків банків)"),
    ("invoice pdf --out", "Куди записати PDF"),
    ("invoice qr", "Показати платіжний QR-код рахунку: текст, який він містить (посилання https://qr.bank.gov.ua/…)"),
    ("invoice qr number", "Номер рахунку"),
    ("invoice qr --company", "Компанія, що його виставила (потрібно, коли такий номер є в кількох)"),
    ("invoice qr --format", "003 (типово) або 002 (для старіших застосунків банків)"),
    ("invoice qr --json", "Текст коду, його формат і призначення платежу як JSON"),
    ("invoice import", "Імпортувати рахунки з файлу CSV (UTF-8 або cp1251, «;» або «,»): усі рядки або жодного"),
    ("invoice import file", "Файл CSV"),
    ("invoice import --dry-run", "Перевірити й показати рядки, нічого не зберігаючи"),
    ("invoices", "Показати рахунки-фактури з тим, що оплачено"),
    ("invoices --json", "У форматі JSON"),
    ("allocate", "Рознести надходження по рахунках, названих у призначенні; з --statement і --invoice — один платіж вручну"),
    ("allocate --dry-run", "Показати план, нічого не змінюючи"),
    ("allocate --statement", "Ключ платежу (REF/REFN), щоб рознести вручну"),
    ("allocate --invoice", "Номер рахунку, з --statement"),
    ("allocate --amount", "Скільки з платежу (типово все, що ще не рознесено)"),
    ("allocate --company", "Лише платежі й рахунки цієї компанії (інших не чіпає)"),
    ("unallocate", "Зняти рознесення платежу (з одного рахунку або всіх); автоматичне рознесення його більше не чіпає"),
    ("unallocate --statement", "Ключ платежу (REF/REFN)"),
    ("unallocate --invoice", "Лише з цього рахунку"),
    ("categorize", "Призначити витратам категорії за правилами (і типову); з --reapply — переобчислити всі, не задані вручну"),
    ("categorize --reapply", "Переобчислити категорії минулих платежів"),
    ("backup", "Зробити копію бази даних зараз у <дані>/backups (копія робиться й після першої синхронізації дня; зберігаються 7 найновіших)"),
    ("restore", "Замінити базу даних найновішою цілою автоматичною копією (або --from ФАЙЛ); поточний файл спершу зберігається в <дані>/damaged"),
    ("restore --from", "Відновити з цього файлу"),
    ("restore --yes", "Замінити навіть цілу базу (збережене після копії буде втрачено)"),
    ("email-test", "Надіслати пробний лист із поштовими налаштуваннями (smtp_*)"),
    ("email-test to", "Адреса"),
    ("smtp-password", "Зберегти пароль поштового сервера, прочитаний зі стандартного вводу, у сховищі паролів системи"),
    ("smtp-password --stdin", "Прочитати пароль зі стандартного вводу"),
    ("settings", "Показати налаштування або змінити одне: settings set КЛЮЧ ЗНАЧЕННЯ"),
    ("settings --json", "У форматі JSON"),
    ("settings --company", "Налаштування, як їх бачить ця компанія; із set — її власне значення (лише auto_allocate і default_expense_category)"),
    ("settings set", "Змінити одне налаштування (перевіряється, як у застосунку); з --company — власне значення компанії"),
    ("settings reset", "Повернути компанії загальне значення налаштування (потрібен --company)"),
    ("settings reset key", "Ключ, наприклад auto_allocate"),
    ("settings set key", "Ключ, наприклад sync_times"),
    ("settings set value", "Нове значення"),
    ("team", "Команда: облік на сервері PostgreSQL команди, для всіх її комп'ютерів"),
    ("team create", "Перенести облік цього комп'ютера в порожню базу на сервері команди (одна транзакція, звірка кожної таблиці) і працювати з нею; файл лишається, як був"),
    ("team create url", "postgres://користувач@сервер:5432/база (без пароля)"),
    ("team create --password-stdin", "Прочитати пароль сервера зі стандартного вводу (зберігається у сховищі паролів системи)"),
    ("team create --ca-file", "Центр сертифікації, що підписав сертифікат сервера (файл PEM), коли це власний центр підприємства, а не публічний"),
    ("team join", "Працювати з обліком команди, який уже на сервері, як один з її працівників"),
    ("team join url", "postgres://користувач@сервер:5432/база (без пароля)"),
    ("team join --as", "Працівник, яким є цей комп'ютер"),
    ("team join --password-stdin", "Прочитати пароль сервера зі стандартного вводу (зберігається у сховищі паролів системи)"),
    ("team join --ca-file", "Центр сертифікації, що підписав сертифікат сервера (файл PEM), коли це власний центр підприємства, а не публічний"),
    ("team status", "Сам чи команда: сервер, хто цей комп'ютер, чи відповідає сервер, які рахунки цей комп'ютер може синхронізувати і коли кожен синхронізовано востаннє"),
    ("team status --json", "У форматі JSON"),
    ("team leave", "Повернутися до власного файлу цього комп'ютера (облік команди лишається на сервері)"),
    ("team invite", "Дати працівникові власний вхід до обліку команди в ролі, якої сервер його тримає; друкує, що йому надіслати"),
    ("team invite employee", "Працівник (додається, якщо новий)"),
    ("team invite --role", "owner (усе), accountant (облік, але не банківські рахунки, люди й налаштування) або manager (читає все, додає рахунки-фактури)"),
    ("runs", "Історія синхронізацій, найновіші спершу"),
    ("runs --json", "У форматі JSON"),
    ("runs --merchant", "Лише цей рахунок"),
    ("runs --limit", "Скільки показати"),
];

const TEMPLATE: &str = "{about-with-newline}\nВикористання: {usage}\n\n{all-args}{after-help}";

/// The command line with its help in Ukrainian.
pub(super) fn localize(cmd: clap::Command) -> clap::Command {
    localize_at(cmd, "").disable_version_flag(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help("Показати версію")
            .help_heading("Параметри"),
    )
}

fn words(path: &str) -> Option<&'static str> {
    HELP.iter().find(|(p, _)| *p == path).map(|(_, w)| *w)
}

fn localize_at(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some(about) = words(path) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Команди")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("Показати довідку")
                .help_heading("Параметри"),
        );
    let args: Vec<(String, String, bool)> = cmd
        .get_arguments()
        .filter(|a| a.get_id() != "help")
        .map(|a| {
            let key = match a.get_long() {
                Some(long) => format!("--{long}"),
                None => a.get_id().to_string(),
            };
            (a.get_id().to_string(), key, a.is_positional())
        })
        .collect();
    for (id, key, positional) in args {
        let at = if path.is_empty() {
            key
        } else {
            format!("{path} {key}")
        };
        let text = words(&at);
        let heading = if positional {
            "Аргументи"
        } else {
            "Параметри"
        };
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match text {
                Some(t) => a.help(t).long_help(None),
                None => a,
            }
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subcommands {
        let at = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |sub| localize_at(sub, &at));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument has its Ukrainian words, and no entry names one that is gone.
    #[test]
    fn every_command_and_argument_has_ukrainian_help() {
        fn walk(cmd: &clap::Command, path: &str, seen: &mut Vec<String>) {
            if !cmd.is_hide_set() {
                seen.push(path.to_owned());
                for a in cmd.get_arguments() {
                    if a.is_hide_set() || a.get_id() == "help" || a.get_id() == "version" {
                        continue;
                    }
                    let key = match a.get_long() {
                        Some(long) => format!("--{long}"),
                        None => a.get_id().to_string(),
                    };
                    seen.push(if path.is_empty() {
                        key
                    } else {
                        format!("{path} {key}")
                    });
                }
            }
            for sub in cmd.get_subcommands() {
                let at = if path.is_empty() {
                    sub.get_name().to_owned()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &at, seen);
            }
        }
        let mut seen = Vec::new();
        walk(&super::super::args::Args::command(), "", &mut seen);
        let missing: Vec<&String> = seen.iter().filter(|p| words(p).is_none()).collect();
        assert!(missing.is_empty(), "no Ukrainian help for {missing:?}");
        let stale: Vec<&&str> = HELP
            .iter()
            .map(|(p, _)| p)
            .filter(|p| !seen.iter().any(|s| s == *p))
            .collect();
        assert!(stale.is_empty(), "help for what is gone: {stale:?}");
        let rendered = localize(super::super::args::Args::command())
            .render_help()
            .to_string();
        assert!(
            rendered.contains("Використання:") && rendered.contains("Команди"),
            "{rendered}"
        );
        assert!(
            !rendered.contains("Print help") && !rendered.contains("Print version"),
            "{rendered}"
        );
    }
}
