//! `dvht rubric`: prints the rubric in force as a readable table.

use super::Context;
use dvht::findings::{Lang, num_en, num_vi};
use dvht::output::pad;
use dvht::rubric::Rule;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<u8> {
    super::write_stdout(&render(ctx))?;
    Ok(0)
}

fn rule_text(rule: &Rule, lang: Lang) -> String {
    let n = |d| match lang {
        Lang::Vi => num_vi(d),
        Lang::En => num_en(d),
    };
    match (rule, lang) {
        (Rule::Group, Lang::Vi) => "tổng các tiêu chí con".into(),
        (Rule::Group, Lang::En) => "sum of its items".into(),
        (Rule::YesNo, Lang::Vi) => "Có → tối đa, Không → 0".into(),
        (Rule::YesNo, Lang::En) => "yes → max, no → 0".into(),
        (Rule::DeductPerMissing { per, of }, Lang::Vi) => {
            format!("thiếu 1/{of} nguồn lực trừ {} điểm", n(*per))
        }
        (Rule::DeductPerMissing { per, of }, Lang::En) => {
            format!("minus {} per lacking resource (of {of})", n(*per))
        }
        (Rule::PercentSteps { step, deduct }, Lang::Vi) => {
            format!("giảm {step}% trừ {} điểm", n(*deduct))
        }
        (Rule::PercentSteps { step, deduct }, Lang::En) => {
            format!("minus {} per full {step}% short", n(*deduct))
        }
        (Rule::PerUnit { points }, Lang::Vi) => format!("{} điểm mỗi đơn vị", n(*points)),
        (Rule::PerUnit { points }, Lang::En) => format!("{} per unit", n(*points)),
    }
}

/// The rubric as text.
pub fn render(ctx: &Context) -> String {
    let r = &ctx.rubric;
    let lang = ctx.lang;
    let n = |d| match lang {
        Lang::Vi => num_vi(d),
        Lang::En => num_en(d),
    };
    let mut out = format!("{}\n\n", r.title);
    let head = match lang {
        Lang::Vi => ("Mã", "Nội dung tiêu chí", "Tối đa", "Cách chấm"),
        Lang::En => ("Id", "Criterion", "Max", "Rule"),
    };
    out.push_str(&format!(
        "{} {} {:>6}  {}\n",
        pad(head.0, 4),
        pad(head.1, 70),
        head.2,
        head.3
    ));
    for it in &r.items {
        let indent = "  ".repeat(r.depth(&it.id));
        let text: String = format!("{indent}{}", it.text);
        let mut lines = wrap(&text, 70).into_iter();
        let first = lines.next().unwrap_or_default();
        out.push_str(&format!(
            "{} {} {:>6}  {}\n",
            pad(&it.id, 4),
            pad(&first, 70),
            n(it.max),
            rule_text(&it.rule, lang)
        ));
        for more in lines {
            out.push_str(&format!("{} {}{}\n", pad("", 4), indent, more));
        }
    }
    let total = match lang {
        Lang::Vi => "Tổng cộng số điểm tối đa",
        Lang::En => "Total",
    };
    out.push_str(&format!(
        "{} {} {:>6}\n\n",
        pad("", 4),
        pad(total, 70),
        n(r.total_max)
    ));
    out.push_str(match lang {
        Lang::Vi => "Xếp loại:\n",
        Lang::En => "Classification:\n",
    });
    for b in &r.bands {
        let name = match lang {
            Lang::Vi => b.name.as_str(),
            Lang::En => b.name_en.as_deref().unwrap_or(&b.name),
        };
        out.push_str(&format!("  {} ≥ {}\n", pad(name, 12), n(b.min)));
    }
    out.push_str(&match lang {
        Lang::Vi => format!("Hội phí: {} đ/hội viên/năm\n", n(r.dues.rate)),
        Lang::En => format!("Dues: {} VND per member per year\n", n(r.dues.rate)),
    });
    out
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let cur = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if cur > 0 && cur + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    lines
}
