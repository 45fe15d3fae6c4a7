//! An invoice as an A4 PDF: the supplier and the buyer, the lines, the totals with VAT, the total
//! in words, the payment details in text and the NBU payment QR code with the hryvnia sign in
//! its middle. DejaVu Sans (full Cyrillic, shipped in `fonts/` under its licence) is embedded as
//! a subset; the same sheet always gives the same bytes.
//!
//! Laid out in two steps: the sheet becomes pages of drawing operations (where every text and
//! rule goes, pages broken between lines), then krilla writes them.

use std::sync::LazyLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use rust_decimal::Decimal;
use skrifa::MetadataProvider;

use crate::format;
use crate::invoice_sheet::{Sheet, VatRate};
use crate::payment_qr::{self, Modules, PaymentCode};
use crate::Lang;

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// A4 in points, and the margins.
const PAGE: (f32, f32) = (595.28, 841.89);
const LEFT: f32 = 42.0;
const RIGHT: f32 = PAGE.0 - 42.0;
const BOTTOM: f32 = PAGE.1 - 48.0;

/// Why no PDF was written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF writer failed: {0}")]
    Writer(String),
    #[error("the payment code does not fit: {0}")]
    Code(String),
}

/// A typeface: krilla's font for drawing and skrifa's metrics for measuring.
struct Face {
    font: Font,
    data: &'static [u8],
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        Face {
            font: Font::new(data.into(), 0).expect("the shipped font reads"),
            data,
        }
    }

    /// How wide `text` is at `size` points (advances, without kerning).
    fn width(&self, text: &str, size: f32) -> f32 {
        let font = skrifa::FontRef::new(self.data).expect("the shipped font reads");
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(
            skrifa::instance::Size::new(size),
            skrifa::instance::LocationRef::default(),
        );
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(0.0)
            })
            .sum()
    }
}

static FACES: LazyLock<(Face, Face)> = LazyLock::new(|| (Face::new(REGULAR), Face::new(BOLD)));

fn face(bold: bool) -> &'static Face {
    if bold {
        &FACES.1
    } else {
        &FACES.0
    }
}

/// One drawing operation, in points from the page's top left; texts at their baseline.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Shade {
        rect: (f32, f32, f32, f32),
        gray: u8,
    },
    Code {
        x: f32,
        y: f32,
        side: f32,
        modules: Modules,
    },
}

/// Pages of operations, filled from the top down.
struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: 48.0,
        }
    }

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    /// Room for `height` more on this page, else a new page.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = 48.0;
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: impl Into<String>) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.push(Op::Text {
                x,
                y,
                size,
                bold,
                text,
            });
        }
    }

    fn right(&mut self, right: f32, y: f32, size: f32, bold: bool, text: &str) {
        let w = face(bold).width(text, size);
        self.text(right - w, y, size, bold, text);
    }

    fn rule(&mut self, x1: f32, y: f32, x2: f32, width: f32) {
        self.push(Op::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
        });
    }

    /// A paragraph wrapped to `width`, from the current height; moves below it.
    fn paragraph(&mut self, x: f32, width: f32, size: f32, bold: bool, text: &str) {
        for line in wrap(text, width, size, bold) {
            self.room(size * 1.35);
            self.y += size * 1.35;
            self.text(x, self.y, size, bold, line);
        }
    }
}

/// A text broken into lines no wider than `width` (at spaces; a word longer than a line is cut).
fn wrap(text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let f = face(bold);
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let tried = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if f.width(&tried, size) <= width {
                line = tried;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_owned();
            while f.width(&rest, size) > width && rest.chars().count() > 1 {
                let mut cut = rest.chars().count() - 1;
                while cut > 1 && f.width(&rest.chars().take(cut).collect::<String>(), size) > width
                {
                    cut -= 1;
                }
                lines.push(rest.chars().take(cut).collect());
                rest = rest.chars().skip(cut).collect();
            }
            line = rest;
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn money(a: Decimal) -> String {
    format::amount(a, Lang::Uk)
}

/// A quantity as people write it: no trailing zeros, a decimal comma.
fn quantity(q: Decimal) -> String {
    q.normalize().to_string().replace('.', ",")
}

/// The table's columns: left edges, and the right edges of the figures.
const COL_NO: f32 = LEFT;
const COL_NAME: f32 = LEFT + 24.0;
const COL_UNIT: f32 = 318.0;
const COL_QTY_R: f32 = 405.0;
const COL_PRICE_R: f32 = 475.0;
const COL_SUM_R: f32 = RIGHT - 3.0;

/// The sheet laid out on pages.
fn lay_out(sheet: &Sheet, code: &PaymentCode, modules: &Modules) -> Layout {
    let mut l = Layout::new();
    let totals = sheet.totals();

    // The parties.
    for (label, party, extra) in [
        ("Постачальник:", &sheet.supplier, Some(&sheet.supplier_vat)),
        ("Покупець:", &sheet.buyer, None),
    ] {
        l.room(60.0);
        l.y += 12.0;
        l.text(LEFT, l.y, 8.5, false, label);
        l.y -= 10.5;
        l.paragraph(
            COL_NAME + 100.0,
            RIGHT - COL_NAME - 100.0,
            10.0,
            true,
            &party.name,
        );
        let mut details = Vec::new();
        if !party.tax_id.is_empty() {
            let kind = if party.tax_id.len() == 10 {
                "РНОКПП"
            } else {
                "ЄДРПОУ"
            };
            details.push(format!("{kind} {}", party.tax_id));
        }
        if !party.iban.is_empty() {
            let bank = if extra.is_some() && !sheet.bank.is_empty() {
                format!(" в {}", sheet.bank)
            } else {
                String::new()
            };
            details.push(format!("IBAN {}{bank}", party.iban));
        }
        if !party.address.is_empty() {
            details.push(party.address.clone());
        }
        if let Some(vat) = extra.filter(|v| !v.is_empty()) {
            details.push(vat.clone());
        }
        for d in details {
            l.paragraph(COL_NAME + 100.0, RIGHT - COL_NAME - 100.0, 8.5, false, &d);
        }
        l.y += 6.0;
    }

    // The title.
    l.room(40.0);
    l.y += 26.0;
    let title = format!(
        "Рахунок на оплату № {} від {}",
        sheet.number,
        format::day(sheet.issued_on)
    );
    let w = face(true).width(&title, 14.0);
    l.text((PAGE.0 - w) / 2.0, l.y, 14.0, true, title);
    l.y += 12.0;

    // The lines.
    let header = |l: &mut Layout| {
        l.room(40.0);
        let top = l.y;
        l.push(Op::Shade {
            rect: (LEFT, top, RIGHT - LEFT, 18.0),
            gray: 232,
        });
        let base = top + 12.5;
        l.text(COL_NO + 3.0, base, 8.0, true, "№");
        l.text(COL_NAME, base, 8.0, true, "Товари (роботи, послуги)");
        l.text(COL_UNIT, base, 8.0, true, "Од.");
        l.right(COL_QTY_R, base, 8.0, true, "Кількість");
        l.right(COL_PRICE_R, base, 8.0, true, "Ціна");
        l.right(COL_SUM_R, base, 8.0, true, "Сума");
        l.y = top + 18.0;
        l.rule(LEFT, l.y, RIGHT, 0.6);
    };
    header(&mut l);
    for (i, line) in sheet.lines.iter().enumerate() {
        let names = wrap(&line.description, COL_UNIT - COL_NAME - 8.0, 8.5, false);
        let height = 6.0 + 11.0 * names.len().max(1) as f32;
        if l.y + height > BOTTOM {
            l.room(BOTTOM);
            header(&mut l);
        }
        let base = l.y + 12.0;
        l.text(COL_NO + 3.0, base, 8.5, false, (i + 1).to_string());
        for (k, name) in names.iter().enumerate() {
            l.text(COL_NAME, base + 11.0 * k as f32, 8.5, false, name.clone());
        }
        l.text(COL_UNIT, base, 8.5, false, line.unit.clone());
        l.right(COL_QTY_R, base, 8.5, false, &quantity(line.quantity));
        l.right(COL_PRICE_R, base, 8.5, false, &money(line.price));
        l.right(COL_SUM_R, base, 8.5, false, &money(line.sum()));
        l.y += height;
        l.rule(LEFT, l.y, RIGHT, 0.3);
    }

    // The totals.
    let rows: Vec<(String, String, bool)> = match (sheet.rate, totals.vat) {
        (VatRate::Percent(p), Some(vat)) => vec![
            ("Разом без ПДВ:".into(), money(totals.without_vat), false),
            (format!("ПДВ {p}%:"), money(vat), false),
            ("Всього з ПДВ:".into(), money(totals.total), true),
        ],
        _ => vec![
            ("Разом:".into(), money(totals.without_vat), false),
            ("ПДВ:".into(), "без ПДВ".into(), false),
            ("Всього до сплати:".into(), money(totals.total), true),
        ],
    };
    l.room(14.0 * rows.len() as f32 + 60.0);
    l.y += 4.0;
    for (label, value, bold) in rows {
        l.y += 14.0;
        l.right(COL_PRICE_R, l.y, 9.0, bold, &label);
        l.right(COL_SUM_R, l.y, 9.0, bold, &value);
    }
    l.y += 8.0;
    l.paragraph(
        LEFT,
        RIGHT - LEFT,
        9.0,
        false,
        &format!(
            "Всього найменувань {}, на суму {} грн",
            sheet.lines.len(),
            money(totals.total)
        ),
    );
    let words = crate::amount_words::in_words(totals.total).unwrap_or_default();
    l.paragraph(LEFT, RIGHT - LEFT, 9.5, true, &words);
    if let Some(vat) = totals.vat {
        l.paragraph(
            LEFT,
            RIGHT - LEFT,
            9.0,
            false,
            &format!("У т.ч. ПДВ: {} грн", money(vat)),
        );
    }
    if let Some(due) = sheet.due_on {
        l.paragraph(
            LEFT,
            RIGHT - LEFT,
            9.0,
            false,
            &format!("Оплатити до {}", format::day(due)),
        );
    }
    if !sheet.note.trim().is_empty() {
        l.y += 4.0;
        l.paragraph(LEFT, RIGHT - LEFT, 8.5, false, &sheet.note);
    }

    // The payment: the code, and the same in text for those who type it.
    let side = 128.0;
    l.room(side + 40.0);
    l.y += 18.0;
    let top = l.y;
    l.push(Op::Code {
        x: LEFT - 6.0,
        y: top,
        side,
        modules: modules.clone(),
    });
    let caption = "Відскануйте сканером у застосунку банку";
    let cw = face(false).width(caption, 6.5);
    l.text(
        LEFT - 6.0 + (side - cw) / 2.0,
        top + side + 8.0,
        6.5,
        false,
        caption,
    );
    let x = LEFT + side + 12.0;
    let width = RIGHT - x;
    l.y = top + 4.0;
    l.paragraph(x, width, 9.0, true, "Реквізити для оплати");
    let mut details = vec![
        format!("Отримувач: {}", sheet.supplier.name),
        format!("Код отримувача: {}", sheet.supplier.tax_id),
        format!("IBAN: {}", sheet.supplier.iban),
    ];
    if !sheet.bank.is_empty() {
        details.push(format!("Банк: {}", sheet.bank));
    }
    details.push(format!("Сума: {} грн", money(totals.total)));
    details.push(format!("Призначення платежу: {}", code.purpose));
    for d in details {
        l.paragraph(x, width, 8.5, false, &d);
    }
    l.y = l.y.max(top + side + 14.0);

    // The signature.
    l.room(40.0);
    l.y += 30.0;
    l.text(LEFT, l.y, 9.0, false, "Виписав(ла):");
    l.rule(LEFT + 62.0, l.y + 1.5, LEFT + 210.0, 0.5);
    l.text(LEFT + 218.0, l.y, 9.0, false, sheet.signer.clone());
    l
}

/// The invoice's PDF, with its payment code (made from `request(sheet)`).
pub fn render(sheet: &Sheet, code: &PaymentCode) -> Result<Vec<u8>, PdfError> {
    let modules = payment_qr::modules(code).map_err(|e| PdfError::Code(e.to_string()))?;
    let layout = lay_out(sheet, code, &modules);
    let mut document = Document::new();
    for ops in &layout.pages {
        let mut page = document
            .start_page_with(PageSettings::from_wh(PAGE.0, PAGE.1).expect("A4 is a page size"));
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Writer(format!("{e:?}")))
}

/// What the sheet's QR code asks of the payer's bank.
pub fn request(sheet: &Sheet) -> payment_qr::PaymentRequest {
    payment_qr::PaymentRequest {
        recipient: sheet.supplier.name.clone(),
        iban: sheet.supplier.iban.clone(),
        tax_id: sheet.supplier.tax_id.clone(),
        amount: sheet.totals().total,
        number: sheet.number.clone(),
        purpose: sheet.purpose(),
    }
}

fn fill(gray: u8) -> Option<Fill> {
    Some(Fill {
        paint: rgb::Color::new(gray, gray, gray).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    })
}

fn rect(surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32, w: f32, h: f32) {
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x, y, w, h) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
}

fn draw(surface: &mut krilla::surface::Surface<'_>, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            text,
        } => {
            surface.set_fill(fill(0));
            surface.set_stroke(None);
            surface.draw_text(
                Point::from_xy(*x, *y),
                face(*bold).font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
        } => {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(0, 0, 0).into(),
                width: *width,
                ..Default::default()
            }));
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.draw_path(&path);
            }
            surface.set_stroke(None);
        }
        Op::Shade { rect: r, gray } => {
            surface.set_stroke(None);
            surface.set_fill(fill(*gray));
            rect(surface, r.0, r.1, r.2, r.3);
        }
        Op::Code {
            x,
            y,
            side,
            modules,
        } => draw_code(surface, *x, *y, *side, modules),
    }
}

/// The code with its quiet zone of 4 modules, and the hryvnia sign in a white circle in the
/// middle.
fn draw_code(surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32, side: f32, m: &Modules) {
    let unit = side / (m.width + 8) as f32;
    surface.set_stroke(None);
    surface.set_fill(fill(255));
    rect(surface, x, y, side, side);
    surface.set_fill(fill(0));
    // One rectangle per run of dark modules in a row.
    let mut pb = PathBuilder::new();
    for row in 0..m.width {
        let mut col = 0;
        while col < m.width {
            if !m.is_dark(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < m.width && m.is_dark(col, row) {
                col += 1;
            }
            if let Some(r) = Rect::from_xywh(
                x + (start + 4) as f32 * unit,
                y + (row + 4) as f32 * unit,
                (col - start) as f32 * unit,
                unit,
            ) {
                pb.push_rect(r);
            }
        }
    }
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    // The white circle (four Bézier quarters) and the sign.
    let (cx, cy) = (x + side / 2.0, y + side / 2.0);
    let r = m.sign_radius() as f32 * unit;
    let k = 0.552_284_8 * r;
    let mut pb = PathBuilder::new();
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pb.close();
    surface.set_fill(fill(255));
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    let size = r * 1.45;
    let w = face(true).width("₴", size);
    surface.set_fill(fill(0));
    surface.draw_text(
        Point::from_xy(cx - w / 2.0, cy + size * 0.36),
        face(true).font.clone(),
        size,
        "₴",
        false,
        TextDirection::Auto,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice_sheet::{Line, Party};

    pub(crate) fn sheet(lines: usize) -> Sheet {
        Sheet {
            number: "СФ-2026-0042".into(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            due_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 15),
            supplier: Party {
                name: "ТОВ «Ромашка»".into(),
                tax_id: "14360570".into(),
                address: "м. Київ, вул. Хрещатик, 1".into(),
                iban: "UA213223130000026007233566001".into(),
            },
            supplier_vat: "платник ПДВ, ІПН 143605726543".into(),
            bank: "АТ КБ «ПриватБанк»".into(),
            buyer: Party {
                name: "ФОП Шевченко Тарас Григорович".into(),
                tax_id: "3012345670".into(),
                ..Party::default()
            },
            lines: (0..lines)
                .map(|i| Line {
                    description: format!("Консультаційні послуги з питань обліку, етап {}", i + 1),
                    unit: "послуга".into(),
                    quantity: "1".parse().unwrap(),
                    price: "500.00".parse().unwrap(),
                })
                .collect(),
            rate: VatRate::Percent(20),
            prices_include_vat: false,
            signer: "Іваненко О. П.".into(),
            note: String::new(),
        }
    }

    #[test]
    fn the_same_invoice_gives_the_same_bytes() {
        let code =
            payment_qr::payment_code(&request(&sheet(3)), payment_qr::QrFormat::V003).unwrap();
        let a = render(&sheet(3), &code).unwrap();
        let b = render(&sheet(3), &code).unwrap();
        assert!(a.starts_with(b"%PDF-"));
        assert_eq!(a, b);
        // A subset of the font, not the whole of it.
        assert!(a.len() < 200_000, "{} bytes", a.len());
    }

    #[test]
    fn many_lines_go_on_to_further_pages_with_the_header_again() {
        let layout = {
            let s = sheet(80);
            let code = payment_qr::payment_code(&request(&s), payment_qr::QrFormat::V003).unwrap();
            let m = payment_qr::modules(&code).unwrap();
            lay_out(&s, &code, &m)
        };
        assert!(layout.pages.len() >= 2, "{} pages", layout.pages.len());
        for page in &layout.pages[..layout.pages.len() - 1] {
            assert!(page
                .iter()
                .any(|op| matches!(op, Op::Text { text, .. } if text == "Кількість")));
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= BOTTOM + 12.0, "{op:?}");
                }
            }
        }
    }

    #[test]
    fn long_words_and_texts_wrap_within_their_column() {
        let lines = wrap(&"дуже ".repeat(40), 100.0, 9.0, false);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(face(false).width(line, 9.0) <= 100.0, "{line}");
        }
        let lines = wrap(&"Щ".repeat(60), 50.0, 9.0, true);
        assert!(lines.iter().all(|l| face(true).width(l, 9.0) <= 50.0));
        assert_eq!(lines.concat(), "Щ".repeat(60));
    }
}
