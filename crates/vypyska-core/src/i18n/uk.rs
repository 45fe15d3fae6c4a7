//! Every message in Ukrainian: the catalog a translator reads and edits.
//!
//! One function per message, in the order of the code that says it; the other language's file
//! has the same functions (a message missing in one is a compile error). Placeholders are the
//! values the message names.

use std::fmt::Display;

// core: bank/merchants.rs

pub fn name_taken_choose_another(n: &dyn Display) -> String {
    format!("Назва «{n}» вже використовується: оберіть іншу.")
}

pub fn account_added_already_as(a: &dyn Display, n: &dyn Display) -> String {
    format!("Рахунок {a} вже додано як «{n}».")
}

pub fn there_no_merchant_named(n: &dyn Display) -> String {
    format!("Немає рахунку з назвою «{n}». Подивіться список: vypyska merchant list")
}

pub fn bank_accepted_token_but(a: &dyn Display) -> String {
    format!("Банк прийняв токен, але рахунку {a} серед його рахунків немає. Перевірте номер рахунку або токен.")
}

pub fn account_held_bank_not(
    account: &dyn Display,
    bank: &dyn Display,
    given: &dyn Display,
) -> String {
    format!("Рахунок {account} у банку ведеться у {bank}, а не у {given}.")
}

// core: bank/secrets.rs

pub fn system_password_store_not() -> String {
    "Сховище паролів системи недоступне (Secret Service / Keychain / Credential Manager). Токен не збережено: увійдіть у графічний сеанс або запустіть gnome-keyring і спробуйте ще раз.".to_owned()
}

pub fn system_password_store_locked() -> String {
    "Сховище паролів системи заблоковане. Розблокуйте його (увійдіть у сеанс) і спробуйте ще раз."
        .to_owned()
}

pub fn account_s_token_missing() -> String {
    "Токен цього рахунку відсутній у сховищі паролів. Введіть токен знову.".to_owned()
}

pub fn password_store_error(detail: &dyn Display) -> String {
    format!("Помилка сховища паролів: {detail}")
}

// core: bank/sync.rs

pub fn account_being_synced_another() -> String {
    "Цей рахунок уже синхронізується іншим процесом; пропущено.".to_owned()
}

pub fn synced_by_another_desktop(desktop: &dyn Display, since: &dyn Display) -> String {
    format!("Рахунок зараз синхронізує «{desktop}» (з {since}); пропущено.")
}

pub fn token_on_another_desktop() -> String {
    "Токена цього рахунку на цьому комп'ютері немає: його синхронізує комп'ютер команди, де токен є; пропущено.".to_owned()
}

pub fn token_on_another_desktop_last(desktop: &dyn Display, at: &dyn Display) -> String {
    format!("Токена цього рахунку на цьому комп'ютері немає: його синхронізує комп'ютер команди, де токен є (востаннє — «{desktop}», {at}); пропущено.")
}

pub fn employee_unknown_kind(word: &dyn Display) -> String {
    format!("Невідомо, що таке «{word}»: payments, invoices, review або trouble (через кому), або none.")
}

pub fn employee_name_taken(name: &dyn Display) -> String {
    format!("Працівник «{name}» уже є.")
}

pub fn employee_every_company() -> String {
    "усі компанії".to_owned()
}

pub fn cannot_create_lock_file(path: &dyn Display, source: &dyn Display) -> String {
    format!("Не вдалося створити файл блокування {path}: {source}")
}

pub fn sync_did_not_finish(limit: &dyn Display) -> String {
    format!(
        "Синхронізація не завершилася за {limit} хв: банк відповідав надто повільно. \
                     Отримане збережено; наступна синхронізація продовжить."
    )
}

pub fn bank_sent_row_could(n: &dyn Display, noun: &dyn Display, _choice: &dyn Display) -> String {
    format!("банк надіслав {n} {noun}, які не вдалося прочитати (їх збережено як є)")
}

pub fn closed_day_rows_do(n: &dyn Display, noun: &dyn Display, _choice: &dyn Display) -> String {
    format!("за {n} {noun} рядки не сходяться з оборотами банку")
}

pub fn days_from_will_read(day: &dyn Display) -> String {
    format!("дні від {day} буде перечитано під час наступних синхронізацій")
}

pub fn those_days_will_read() -> String {
    "ці дні буде перечитано під час наступних синхронізацій".to_owned()
}

// core: error.rs

pub fn disk_full_new_data(error: &dyn Display, _error2: &dyn Display) -> String {
    format!(
        "На диску закінчилося місце{error}: нові дані не збережено, збережене \
                     раніше ціле. Звільніть місце на диску й повторіть."
    )
}

pub fn data_folder_read_only(error: &dyn Display, _error2: &dyn Display) -> String {
    format!(
        "Папка даних доступна лише для читання{error}: нові дані не збережено, \
                     збережене раніше ціле. Дозвольте запис у папку даних або змонтуйте диск \
                     для запису й повторіть."
    )
}

pub fn database_file_damaged_restore(error: &dyn Display, _error2: &dyn Display) -> String {
    format!(
        "Файл бази даних пошкоджено{error}. Відновіть останню автоматичну \
                     резервну копію: у застосунку або командою `vypyska restore`."
    )
}

pub fn database_made_newer_vypyska(_error: &dyn Display) -> String {
    format!("Базу даних створено новішою версією Vypyska. Оновіть програму.")
}

pub fn database_error_data_stored(error: &dyn Display) -> String {
    format!(
        "Помилка бази даних (технічна причина, англійською: {error}). Дані, \
                     збережені раніше, не втрачено."
    )
}

// core: i18n.rs

pub fn bank_rejected_token_http() -> String {
    "Банк відхилив токен (HTTP 401). Створіть новий токен у Приват24 для бізнесу → Автоклієнт → API і замініть його.".to_owned()
}

pub fn autoclient_switched_off_ip() -> String {
    "Автоклієнт вимкнено або цю IP-адресу не дозволено (HTTP 403). Увімкніть Автоклієнт у Приват24 для бізнесу.".to_owned()
}

pub fn bank_running_maintenance_sync() -> String {
    "Банк проводить технічні роботи. Синхронізацію буде повторено пізніше.".to_owned()
}

pub fn bank_limited_request_rate() -> String {
    "Банк обмежив частоту запитів (HTTP 429). Спробуйте трохи пізніше.".to_owned()
}

pub fn bank_s_server_failing(status: &dyn Display) -> String {
    format!(
        "Сервер банку не відповідає як слід (HTTP {status}). Спробуйте пізніше; дані не втрачено."
    )
}

pub fn bank_refused_request_http(status: &dyn Display, message: &dyn Display) -> String {
    format!("Банк відхилив запит (HTTP {status}): {message}")
}

pub fn bank_sent_reply_could(_reason: &dyn Display) -> String {
    format!("Банк надіслав відповідь, яку не вдалося прочитати (обірвану або не в форматі банку). Спробуйте пізніше; дані не втрачено.")
}

pub fn bank_not_answering_request() -> String {
    "Банк не відповідає: запит надіслано, але відповіді вчасно не було. Синхронізацію буде повторено пізніше; дані не втрачено.".to_owned()
}

pub fn bank_sent_reply_larger(limit: &dyn Display) -> String {
    format!("Банк надіслав відповідь, більшу за {limit} МБ, — такої сторінки виписки не буває; її не прочитано. Спробуйте пізніше; якщо повториться, зверніться до підтримки банку.")
}

pub fn must_latin_letters_digits(uk: &dyn Display, _en: &dyn Display) -> String {
    format!("{uk} має бути рядком латинських літер, цифр і знаків, без пробілів і довжиною до 4096 символів; цей не такий, тому його не надіслано в банк. Скопіюйте його з Приват24 для бізнесу → Автоклієнт ще раз.")
}

pub fn cannot_reach_bank_check(network_cause_uk: &dyn Display, _reason: &dyn Display) -> String {
    format!("Немає зв'язку з банком: {network_cause_uk}. Перевірте інтернет і спробуйте ще раз.")
}

pub fn bank_address_not_allowed(
    url: &dyn Display,
    choice: &dyn Display,
    _reason: &dyn Display,
) -> String {
    format!("Адресу банку {url} не дозволено: {choice}.")
}

// core: ledger/allocation/mod.rs

pub fn no_payment(k: &dyn Display) -> String {
    format!("Немає платежу {k}.")
}

pub fn no_invoice(n: &dyn Display) -> String {
    format!("Немає рахунку № {n}.")
}

pub fn only_posted_incoming_payment() -> String {
    "Оплатити рахунок може лише проведене надходження.".to_owned()
}

pub fn payment_has_left_allocate(money: &dyn Display, money2: &dyn Display) -> String {
    format!("З платежу лишилося розподілити {money}, а не {money2}.")
}

pub fn payment_not_allocated() -> String {
    "Цей платіж не рознесено.".to_owned()
}

pub fn invoice_cancelled_no_payment(n: &dyn Display) -> String {
    format!("Рахунок № {n} скасовано: на нього не рознести оплату.")
}

pub fn invoice_payment_they_must(invoice: &dyn Display, payment: &dyn Display) -> String {
    format!("Рахунок у {invoice}, а платіж у {payment}: валюти мають збігатися.")
}

pub fn payment_no_longer_review() -> String {
    "Цього платежу вже немає в черзі перевірки.".to_owned()
}

// core: ledger/categories.rs

pub fn give_category_name() -> String {
    "Вкажіть назву категорії.".to_owned()
}

pub fn category_exists_already(n: &dyn Display) -> String {
    format!("Категорія «{n}» вже є.")
}

pub fn no_category(n: &dyn Display) -> String {
    format!("Немає категорії «{n}».")
}

pub fn no_rule(id: &dyn Display) -> String {
    format!("Немає правила {id}.")
}

pub fn rule_pattern_empty() -> String {
    "Вкажіть, що шукати (код, рахунок, назву або слова призначення).".to_owned()
}

pub fn regular_expression_wrong(e: &dyn Display) -> String {
    format!("Регулярний вираз неправильний: {e}")
}

pub fn no_payment_id(id: &dyn Display) -> String {
    format!("Немає платежу {id}.")
}

pub fn only_outgoing_payment_has() -> String {
    "Категорію витрат має лише вихідний платіж.".to_owned()
}

// core: ledger/invoice_import.rs

pub fn header_has_no_number() -> String {
    "У заголовку немає стовпця «номер» або «сума».".to_owned()
}

pub fn import_no_number() -> String {
    "немає номера".to_owned()
}

pub fn number_repeats_file() -> String {
    "номер повторюється у файлі".to_owned()
}

pub fn invoice_saved_already(number: &dyn Display) -> String {
    format!("рахунок № {number} уже збережено")
}

pub fn unknown_currency(currency: &dyn Display) -> String {
    format!("невідома валюта «{currency}»")
}

pub fn import_due_date_problem(e: &dyn Display) -> String {
    format!("термін оплати: {e}")
}

pub fn nothing_imported() -> String {
    "нічого не імпортовано".to_owned()
}

pub fn file_has_bad_rows(rows: &dyn Display, nothing: &dyn Display) -> String {
    format!("у файлі помилки в рядках: {rows}; {nothing}")
}

pub fn import_row_word() -> String {
    "рядок".to_owned()
}

// core: ledger/invoices.rs

pub fn give_invoice_number() -> String {
    "Вкажіть номер рахунку.".to_owned()
}

pub fn due_date_before_invoice() -> String {
    "Строк оплати раніше за дату рахунку: перевірте дати.".to_owned()
}

pub fn amount_must_above_zero() -> String {
    "Сума має бути більшою за нуль, менше трильйона, з копійками не дрібніше 0,01.".to_owned()
}

pub fn invoice_exists_already(n: &dyn Display) -> String {
    format!("Рахунок № {n} вже є.")
}

// core: notices/email.rs

pub fn no_mail_server_set() -> String {
    "Поштовий сервер не налаштовано: вкажіть SMTP-сервер і адресу відправника.".to_owned()
}

pub fn without_encryption_none_only() -> String {
    "Без шифрування (none) можна лише до цього комп'ютера: виберіть starttls або tls.".to_owned()
}

pub fn address_wrong(a: &dyn Display) -> String {
    format!("Адреса «{a}» неправильна.")
}

pub fn email_not_sent_check(e: &dyn Display) -> String {
    format!("Лист не надіслано: {e}. Перевірте налаштування пошти.")
}

pub fn vypyska_mail_test() -> String {
    "Vypyska: перевірка пошти".to_owned()
}

pub fn mail_set_up_notices() -> String {
    "Пошту налаштовано: сюди надходитимуть повідомлення про оплати.".to_owned()
}

pub fn vypyska_new_notices(many: &dyn Display) -> String {
    format!("Vypyska: нові повідомлення ({many})")
}

// core: notices/notifications.rs

pub fn invoices_paid(n: &dyn Display) -> String {
    format!("Оплачено рахунків: {n}")
}

pub fn payments_review(n: &dyn Display) -> String {
    format!("Оплат на перевірку: {n}")
}

pub fn details_are_app() -> String {
    "Деталі — у застосунку.".to_owned()
}

pub fn new_incoming_payments(n: &dyn Display) -> String {
    format!("Нові надходження: {n}")
}

pub fn incoming_total(total: &dyn Display) -> String {
    format!("Разом {total}.")
}

pub fn payment_from(payer: &dyn Display) -> String {
    format!("від {payer}")
}

pub fn payment_received(money: &dyn Display) -> String {
    format!("Надійшла оплата {money}")
}

pub fn invoice_paid(number: &dyn Display) -> String {
    format!("Рахунок № {number} оплачено")
}

pub fn invoice_paid_body(customer: &dyn Display, amount: &dyn Display) -> String {
    format!("{customer}: {amount} повністю.")
}

pub fn payment_awaits_review() -> String {
    "Оплата чекає на перевірку".to_owned()
}

pub fn from_fits_invoices_pick(
    amount: &dyn Display,
    payer: &dyn Display,
    n: &dyn Display,
) -> String {
    format!("{amount} від {payer}: підходить до рахунків ({n}), виберіть правильний.")
}

pub fn statement_arrived_incomplete(name: &dyn Display) -> String {
    format!("«{name}»: виписку отримано не повністю")
}

pub fn bank_refuses_credentials(name: &dyn Display) -> String {
    format!("«{name}»: банк не приймає доступ")
}

pub fn sync_failed_times_row(name: &dyn Display, repeated: &dyn Display) -> String {
    format!("«{name}»: синхронізація не вдається {repeated} рази поспіль")
}

pub fn bank_maintenance_long(name: &dyn Display) -> String {
    format!("«{name}»: банк довго на обслуговуванні")
}

pub fn give_name() -> String {
    "Вкажіть ім'я.".to_owned()
}

pub fn does_not_look_like(e: &dyn Display) -> String {
    format!("Адреса «{e}» не схожа на email.")
}

pub fn no_employee(id: &dyn Display) -> String {
    format!("Немає працівника {id}.")
}

// core: ops.rs

pub fn backup_step() -> String {
    "резервна копія".to_owned()
}

// core: parse.rs

pub fn not_amount_write_digits(t: &dyn Display) -> String {
    format!("«{t}» — не сума: пишіть цифри, копійки після коми або крапки, наприклад 1 234,56.")
}

pub fn most_two_decimals_cents(t: &dyn Display) -> String {
    format!("«{t}»: не більше двох знаків після коми (копійки).")
}

pub fn typed_amount_not_positive(t: &dyn Display) -> String {
    format!("«{t}»: сума має бути більшою за нуль.")
}

pub fn amount_must_below_trillion(t: &dyn Display) -> String {
    format!("«{t}»: сума має бути менше трильйона.")
}

pub fn not_date_write_dd(t: &dyn Display) -> String {
    format!("«{t}» — не дата: пишіть ДД.ММ.РРРР (01.12.2026) або РРРР-ММ-ДД.")
}

pub fn write_year_full_four(t: &dyn Display) -> String {
    format!("«{t}»: рік пишіть повністю, чотирма цифрами (2026).")
}

// core: settings.rs

pub fn unknown_setting_known(k: &dyn Display, value: &dyn Display) -> String {
    format!("Невідоме налаштування «{k}». Відомі: {value}")
}

pub fn setting_not_per_company(k: &dyn Display, keys: &dyn Display) -> String {
    format!("Налаштування «{k}» одне для всіх компаній. Окремо для компанії можна задати: {keys}")
}

pub fn reset_needs_company() -> String {
    "Повернути до загального значення можна налаштування компанії: додайте --company НАЗВА"
        .to_owned()
}

pub fn own_value_of_company() -> String {
    "власне значення компанії".to_owned()
}

pub fn value_not_allowed(
    value: &dyn Display,
    key: &dyn Display,
    hint_uk: &dyn Display,
    _hint_en: &dyn Display,
) -> String {
    format!("Значення «{value}» для {key} не підходить: {hint_uk}")
}

// core: validate.rs

pub fn account_number_has_wrong(i: &dyn Display) -> String {
    format!("Номер рахунку {i} має неправильну довжину: український IBAN містить 29 символів (UA і 27 цифр).")
}

pub fn account_number_not_iban(i: &dyn Display) -> String {
    format!(
        "Номер рахунку {i} не схожий на IBAN: дві літери країни, дві контрольні цифри, далі цифри."
    )
}

pub fn account_number_has_typo(i: &dyn Display) -> String {
    format!("Номер рахунку {i} містить помилку: контрольна сума не збігається. Перевірте цифри.")
}

pub fn unknown_currency_give_iso(c: &dyn Display) -> String {
    format!("Невідома валюта {c}: вкажіть код ISO, наприклад UAH, USD або EUR.")
}

pub fn give_name_for_field() -> String {
    "Вкажіть назву.".to_owned()
}

pub fn token_empty_copy_from() -> String {
    "Токен порожній: скопіюйте його з Приват24 для бізнесу → Автоклієнт → API.".to_owned()
}

pub fn not_tax_code_has(t: &dyn Display) -> String {
    format!("Код «{t}» не схожий на податковий: ЄДРПОУ має 8 цифр, РНОКПП — 10.")
}

pub fn tax_code_has_typo(t: &dyn Display) -> String {
    format!("Код {t} містить помилку: контрольна цифра не збігається. Перевірте цифри.")
}

pub fn takes_most_characters(f: &dyn Display, max: &dyn Display, _f2: &dyn Display) -> String {
    format!("{f}: не довше за {max} символів.")
}

pub fn must_one_line_text(f: &dyn Display, _f2: &dyn Display) -> String {
    format!("{f}: без переносів рядка, табуляцій і керівних символів — лише текст в один рядок.")
}

// shell: app.rs

pub fn not_synced_yet() -> String {
    "Ще не синхронізовано".to_owned()
}

// shell: cli/invoices.rs

pub fn invoices_imported(n: &dyn Display) -> String {
    format!("Імпортовано рахунків: {n}")
}

pub fn no_open_invoice(number: &dyn Display) -> String {
    format!("Немає відкритого рахунку № {number}.")
}

// shell: cli/ledger.rs

pub fn allocated_invoice(day: &dyn Display, shown: &dyn Display) -> String {
    format!("Рознесено {day} на рахунок № {shown}.")
}

pub fn nothing_allocate() -> String {
    "Нічого розносити.".to_owned()
}

pub fn categories_given_changed(done: &dyn Display, done2: &dyn Display) -> String {
    format!("Призначено категорій: {done}, змінено: {done2}.")
}

// shell: cli/merchant.rs

pub fn added_token_system_password(m: &dyn Display, m2: &dyn Display, m3: &dyn Display) -> String {
    format!("Додано «{m}»: {m2} ({m3}). Токен збережено у сховищі паролів системи.")
}

pub fn no_merchants_yet_add() -> String {
    "Рахунків ще немає. Додайте: vypyska merchant add …".to_owned()
}

pub fn never_synced() -> String {
    "ще не синхронізовано".to_owned()
}

pub fn merchant_renamed(m: &dyn Display) -> String {
    format!("Перейменовано на «{m}».")
}

pub fn merchant_removed(m: &dyn Display) -> String {
    format!("Видалено «{m}».")
}

// shell: cli/mod.rs

pub fn data_folder_read_only_view() -> String {
    "Папка даних доступна лише для читання: показано збережене, змінити нічого не можна.".to_owned()
}

// shell: cli/print.rs

pub fn payments_linked_invoices(linked: &dyn Display) -> String {
    format!("Рознесено оплат по рахунках: {linked}")
}

pub fn cannot_read_standard_input(e: &dyn Display) -> String {
    format!("Не вдалося прочитати стандартний ввід: {e}")
}

pub fn input_has_over_kb() -> String {
    "На вході понад 64 КБ без кінця рядка — це не токен і не пароль; нічого не збережено."
        .to_owned()
}

pub fn input_not_text_not() -> String {
    "На вході не текст (не UTF-8) — схоже, передано двійковий файл замість токена; нічого не збережено.".to_owned()
}

// shell: cli/restore.rs

pub fn there_no_automatic_backup() -> String {
    "Автоматичної резервної копії немає; базу даних не змінено.".to_owned()
}

pub fn cannot_replace_database_database(source: &dyn Display, e: &dyn Display) -> String {
    format!("Файл {source} не може замінити базу даних: {e} Базу даних не змінено.")
}

pub fn database_sound_restoring_replaces(source: &dyn Display) -> String {
    format!(
        "База даних ціла. Відновлення замінить її копією {source}: усе, що збережено після \
                 копії, буде втрачено. Якщо ви цього хочете, повторіть з --yes."
    )
}

pub fn damaged_file_word() -> String {
    "Пошкоджений файл".to_owned()
}

pub fn previous_sound_database() -> String {
    "Попередню (цілу) базу".to_owned()
}

pub fn restore_failed_kept(e: &dyn Display, kept_what: &dyn Display, kept: &dyn Display) -> String {
    format!("{e} {kept_what} збережено: {kept}")
}

pub fn restored_from_kept(
    source: &dyn Display,
    kept_what: &dyn Display,
    kept: &dyn Display,
) -> String {
    format!("Відновлено з {source}. {kept_what} збережено: {kept}")
}

pub fn app_is_running_quit_first() -> String {
    "Застосунок Vypyska відкритий: закрийте його (значок у треї → Вийти) і повторіть. \
         Або відновіть копію в самому застосунку."
        .to_owned()
}

pub fn sync_running_wait_end() -> String {
    "Зараз триває синхронізація: дочекайтеся її кінця й повторіть.".to_owned()
}

// shell: cli/settings.rs

pub fn test_email_sent(to: &dyn Display) -> String {
    format!("Лист надіслано на {to}.")
}

// shell: cli/statements.rs

pub fn from_after_period_empty(
    from: &dyn Display,
    to: &dyn Display,
    _from2: &dyn Display,
    _to2: &dyn Display,
) -> String {
    format!("--from {from} пізніше за --to {to}: такий період порожній; поміняйте дати місцями")
}

pub fn direction_in() -> String {
    "надходження".to_owned()
}

pub fn direction_out() -> String {
    "витрати".to_owned()
}

pub fn net_word() -> String {
    "сальдо".to_owned()
}

pub fn pages_rows_new_updated(
    r: &dyn Display,
    r2: &dyn Display,
    r3: &dyn Display,
    r4: &dyn Display,
) -> String {
    format!("сторінок {r}, рядків {r2}, нових {r3}, змінених {r4}")
}

// shell: cli/sync.rs

pub fn sync_failed(failed: &dyn Display) -> String {
    format!("не вдалося синхронізувати: {failed}")
}

pub fn skipped_sync_again_later(skipped: &dyn Display) -> String {
    format!("пропущено, синхронізуйте пізніше: {skipped}")
}

pub fn statement_incomplete_days_will(incomplete: &dyn Display) -> String {
    format!("виписка неповна, дні буде перечитано: {incomplete}")
}

pub fn sync_span(
    merchant: &dyn Display,
    day: &dyn Display,
    day2: &dyn Display,
    _from: &dyn Display,
    _to: &dyn Display,
) -> String {
    format!("«{merchant}»: {day} … {day2}")
}

pub fn page_rows_new_updated(
    merchant: &dyn Display,
    page: &dyn Display,
    rows: &dyn Display,
    new: &dyn Display,
    updated: &dyn Display,
) -> String {
    format!("«{merchant}»: сторінка {page}: рядків {rows}, нових {new}, змінених {updated}")
}

pub fn done_new_updated(
    merchant: &dyn Display,
    summary: &dyn Display,
    summary2: &dyn Display,
) -> String {
    format!("«{merchant}»: готово; нових {summary}, змінених {summary2}")
}

pub fn sync_done_with_warning(done: &dyn Display, w: &dyn Display) -> String {
    format!("{done}; увага: {w}")
}

pub fn merchant_sync_skipped(merchant: &dyn Display, message: &dyn Display) -> String {
    format!("«{merchant}»: пропущено: {message}")
}

pub fn merchant_sync_failed(merchant: &dyn Display, message: &dyn Display) -> String {
    format!("«{merchant}»: помилка: {message}")
}

// shell: ipc/app.rs

pub fn no_automatic_backup_short() -> String {
    "Автоматичної резервної копії немає.".to_owned()
}

pub fn could_not_switch(e: &dyn Display) -> String {
    format!("Не вдалося перемкнутися: {e}")
}

// shell: ipc/notices.rs

pub fn there_no_such_notice() -> String {
    "Такого сповіщення немає.".to_owned()
}

// shell: ipc/statements.rs

pub fn no_such_statement() -> String {
    "Запис не знайдено.".to_owned()
}

// shell: notify.rs

pub fn notification_open_action() -> String {
    "Відкрити".to_owned()
}

pub fn could_not_show_notification(e: &dyn Display) -> String {
    format!("Не вдалося показати сповіщення: {e}")
}

// shell: session.rs

pub fn demo_account(i: &dyn Display) -> String {
    format!("Демо: рахунок {i}")
}

// shell: the tray's menu

pub fn tray_sync_now() -> String {
    "Синхронізувати зараз".to_owned()
}

pub fn tray_open() -> String {
    "Відкрити".to_owned()
}

pub fn tray_quit() -> String {
    "Вийти".to_owned()
}

// core: companies.rs

pub fn company_ipn_wrong(ipn: &dyn Display) -> String {
    format!("ІПН «{ipn}» має містити 12 цифр.")
}

pub fn company_group_wrong(group: &dyn Display) -> String {
    format!("Групи єдиного податку {group} немає: є 1, 2 і 3.")
}

pub fn company_group_needs_fop() -> String {
    "Групи 1 і 2 єдиного податку — лише для ФОП (код РНОКПП із 10 цифр).".to_owned()
}

pub fn company_name_taken(name: &dyn Display) -> String {
    format!("Компанія «{name}» вже є: оберіть іншу назву.")
}

pub fn company_not_found(name: &dyn Display) -> String {
    format!("Немає компанії «{name}». Подивіться список: vypyska company list")
}

pub fn company_required(names: &dyn Display) -> String {
    format!("Компаній кілька: вкажіть, для якої (--company): {names}.")
}

pub fn company_in_use(
    name: &dyn Display,
    merchants: &dyn Display,
    invoices: &dyn Display,
) -> String {
    format!("У компанії «{name}» ще є рахунків у банку: {merchants}, рахунків-фактур: {invoices}. Перенесіть їх до іншої компанії (--move-to) або видаліть разом із нею (--delete-all).")
}

pub fn company_numbers_clash(numbers: &dyn Display) -> String {
    format!("Ці номери рахунків-фактур є в обох компаніях: {numbers}. Змініть номери, перш ніж переносити.")
}

pub fn payment_other_company(payment: &dyn Display, invoice: &dyn Display) -> String {
    format!("Платіж надійшов на рахунок компанії «{payment}», а рахунок-фактуру виставила «{invoice}»: платіж однієї компанії не сплачує рахунків іншої.")
}

// core: notices/notifications.rs (companies)

pub fn payment_pays_invoice_in_full(number: &dyn Display) -> String {
    format!(" — рахунок № {number} оплачено повністю")
}

pub fn payment_pays_invoice(number: &dyn Display) -> String {
    format!(" — рахунок № {number}")
}

pub fn for_company(company: &dyn Display, text: &dyn Display) -> String {
    format!("{company}: {text}")
}

pub fn team_bad_address(a: &dyn Display) -> String {
    format!(
        "«{a}» — не адреса бази PostgreSQL. Потрібно так: postgres://користувач@сервер:5432/база \
         (пароль — окремо, через --password-stdin)"
    )
}

pub fn team_password_in_url() -> String {
    "Не пишіть пароль в адресі (він потрапив би у файл): його читає --password-stdin \
     і зберігає сховище паролів системи."
        .to_owned()
}

pub fn team_needs_tls(host: &dyn Display) -> String {
    format!(
        "З'єднання без шифрування можливе лише з цим комп'ютером, а не з «{host}»: \
         приберіть з адреси sslmode=disable (до інших серверів Виписка з'єднується лише через TLS)."
    )
}

pub fn server_untrusted(detail: &dyn Display) -> String {
    format!(
        "Сертифікату сервера бази даних не можна довіряти ({detail}): його не підписав жоден \
         відомий центр сертифікації або він виданий іншому серверу. Якщо сервер має сертифікат \
         вашого власного центру, вкажіть його файл: --ca-file ШЛЯХ. Нічого не змінено."
    )
}

pub fn ca_file_unreadable(path: &dyn Display, detail: &dyn Display) -> String {
    format!("Не вдалося прочитати файл центру сертифікації {path} ({detail}): потрібен файл PEM із сертифікатом центру, що підписав сертифікат сервера. Нічого не змінено.")
}

pub fn invoice_changed_meanwhile(number: &dyn Display) -> String {
    format!("Рахунок-фактуру {number} тим часом змінив хтось інший: ваші зміни не збережено. Список показує його теперішній стан — відкрийте його й внесіть зміни ще раз.")
}

pub fn team_server_too_old(version: &dyn Display) -> String {
    format!("Сервер PostgreSQL застарий (версія {version}); потрібна 12 або новіша.")
}

pub fn team_database_not_empty() -> String {
    "У цій базі на сервері вже є облік (рахунки, виписки або рахунки-фактури): нічого не \
     скопійовано. Щоб працювати з ним, приєднайтеся до команди (vypyska team join), \
     або вкажіть порожню базу."
        .to_owned()
}

pub fn team_file_problem(path: &dyn Display, source: &dyn Display) -> String {
    format!("Не вдалося прочитати або записати {path}: {source}")
}

pub fn team_no_employee(who: &dyn Display, known: &dyn Display) -> String {
    format!("У команди немає працівника «{who}». Працівники команди: {known}")
}

pub fn team_already(server: &dyn Display) -> String {
    format!(
        "Цей комп'ютер уже працює з обліком команди на {server}. \
         Щоб перенести свій файл на інший сервер, спершу: vypyska team leave"
    )
}

pub fn team_created(server: &dyn Display) -> String {
    format!(
        "Облік перенесено на {server}: кожну таблицю скопійовано й звірено (рядки й суми). \
         Цей комп'ютер тепер працює з ним; файл на цьому комп'ютері лишився, як був."
    )
}

pub fn team_joined(server: &dyn Display, employee: &dyn Display) -> String {
    format!("Цей комп'ютер працює з обліком команди на {server} як «{employee}».")
}

pub fn team_status_solo() -> String {
    "Сам: облік у файлі на цьому комп'ютері.".to_owned()
}

pub fn team_status_team(server: &dyn Display, employee: &dyn Display) -> String {
    format!("Команда: облік на {server}; цей комп'ютер — {employee}.")
}

pub fn team_token_here() -> String {
    "токен тут".to_owned()
}

pub fn team_token_elsewhere() -> String {
    "токен на іншому комп'ютері".to_owned()
}

pub fn team_left() -> String {
    "Цей комп'ютер знову працює зі своїм файлом; облік команди лишився на сервері.".to_owned()
}

pub fn server_unreachable(detail: &dyn Display) -> String {
    format!(
        "Сервер бази даних команди не відповідає ({detail}). Облік на сервері не змінено; \
         спробуйте ще раз, коли зв'язок повернеться (синхронізація за розкладом спробує сама)."
    )
}

pub fn team_books_updated_by_owner(found: &dyn Display, supported: &dyn Display) -> String {
    format!(
        "Облік команди на сервері ще у версії {found}, а ця програма працює з версією {supported}. \
         Оновити його може лише власник: нехай відкриє облік новою версією Vypyska на своєму \
         комп'ютері, тоді тут усе запрацює. Нічого не змінено."
    )
}

pub fn company_needs_tax_id_to_print(company: &dyn Display) -> String {
    format!("У компанії «{company}» немає ЄДРПОУ чи РНОКПП, а рахунок без коду отримувача не надрукувати й не оплатити за QR-кодом. Додайте код у реквізитах компанії: vypyska company edit \"{company}\" --tax-id КОД.")
}

pub fn company_needs_account_to_print(company: &dyn Display) -> String {
    format!("У компанії «{company}» немає гривневого рахунку, на який платити (або їх кілька, і жоден не вибрано для рахунків). Додайте рахунок або виберіть його в реквізитах компанії.")
}

pub fn payment_code_hryvnias_only(number: &dyn Display, currency: &dyn Display) -> String {
    format!(
        "Рахунок {number} виставлено в {currency}, а платіжний QR-код Національного банку — лише для гривень."
    )
}

/// What stops a payment QR code, by its kind (`iban`, `tax_id`, `recipient`, `amount`,
/// `number`, `purpose`, `too_long`).
pub fn payment_code_problem(kind: &str, detail: &dyn Display) -> String {
    match kind {
        "iban" => format!("IBAN отримувача хибний ({detail}). Виправте рахунок компанії."),
        "tax_id" => format!("Код отримувача хибний ({detail}). Виправте ЄДРПОУ чи РНОКПП компанії."),
        "recipient" => format!("У компанії немає назви. Впишіть її в реквізитах компанії."),
        "amount" => format!(
            "Сума {detail} не підходить для QR-коду: від 0,01 до 999 999 999,99 грн, цілими копійками."
        ),
        "number" => format!("У рахунку немає номера. Дайте йому номер."),
        "purpose" => format!("Призначення платежу не містить номера рахунку {detail}."),
        _ => format!(
            "Навіть найкоротше призначення з номером {detail} не вміщується в QR-код. Скоротіть назву компанії чи номер."
        ),
    }
}

pub fn payment_code_impossible(detail: &dyn Display) -> String {
    format!("Платіжний QR-код не вийшов: {detail}. Виправте реквізити й спробуйте ще раз.")
}

pub fn invoice_pdf_written(number: &dyn Display, path: &dyn Display) -> String {
    format!("Рахунок {number} записано: {path}")
}

pub fn cannot_write_file(path: &dyn Display, detail: &dyn Display) -> String {
    format!("Не вдалося записати файл {path}: {detail}. Перевірте, чи є така папка й чи можна в неї писати.")
}

pub fn server_not_allowed(detail: &dyn Display) -> String {
    format!(
        "Сервер бази даних відмовив: вашій ролі в команді це не дозволено ({detail}). \
         Попросіть власника, якщо це потрібно."
    )
}

pub fn team_invited(
    employee: &dyn Display,
    part: &dyn Display,
    url: &dyn Display,
    password: &dyn Display,
) -> String {
    format!(
        "«{employee}» запрошено в команду ({part}). Надішліть їм окремо, у захищений спосіб:\n\
         \n  vypyska team join {url} --as \"{employee}\" --password-stdin\n\
         \n  пароль: {password}\n\
         \nПароль показано лише зараз; сервер сам тримає їх у межах ролі."
    )
}
