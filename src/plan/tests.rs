use super::*;

fn file(teams: &[(&str, &[&str])]) -> TeamsFile {
    let mut text = String::from(
        "date = \"2023-12-15\"\nplace = \"Phòng GD&ĐT huyện\"\nslot_minutes = 20\nsessions = [ { start = \"07:30\", end = \"11:00\" }, { start = \"13:30\", end = \"17:00\" } ]\n",
    );
    for (name, agencies) in teams {
        text.push_str(&format!("[[team]]\nname = \"{name}\"\nmembers = [\n"));
        for (i, a) in agencies.iter().enumerate() {
            text.push_str(&format!(
                "  {{ name = \"Người {name} {i}\", agency = \"{a}\" }},\n"
            ));
        }
        text.push_str("]\n");
    }
    teams::parse(&text).unwrap()
}

fn units(names: &[&str]) -> Vec<PlanUnit> {
    names
        .iter()
        .map(|n| PlanUnit {
            name: n.to_string(),
            errors: false,
        })
        .collect()
}

fn team_of<'a>(plan: &'a Plan, unit: &str) -> Option<&'a str> {
    plan.teams
        .iter()
        .find(|t| t.visits.iter().any(|v| v.unit == unit))
        .map(|t| t.name.as_str())
}

#[test]
fn no_team_inspects_its_own_agency_and_schools_are_not_the_office() {
    let f = file(&[
        ("Đoàn 1", &["Phòng GD&ĐT", "Hội Khuyến học huyện"]),
        ("Đoàn 2", &["Phòng Nội vụ huyện Thủ Thừa", "Phòng VH và TT"]),
    ]);
    let u = units(&[
        "Phòng Giáo dục và Đào tạo",
        "Phòng Nội vụ",
        "Phòng Văn hóa và Thông tin",
        "Trường THCS Thị trấn",
        "Trường Tiểu học Nhị Thành",
        "Trường Mầm non Hoa Sen",
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
        "Trung tâm Văn hóa, Thể thao và Truyền thanh",
    ]);
    let plan = make(&u, &f);
    assert!(plan.fits());
    assert_eq!(team_of(&plan, "Phòng Giáo dục và Đào tạo"), Some("Đoàn 2"));
    assert_eq!(team_of(&plan, "Phòng Nội vụ"), Some("Đoàn 1"));
    assert_eq!(team_of(&plan, "Phòng Văn hóa và Thông tin"), Some("Đoàn 1"));
    // Eight units of 20 minutes: four each.
    assert_eq!(plan.teams[0].visits.len(), 4);
    assert_eq!(plan.teams[1].visits.len(), 4);
    // Schools and centres may go to either team: both teams got some.
    let schools = [
        "Trường THCS Thị trấn",
        "Trường Tiểu học Nhị Thành",
        "Trường Mầm non Hoa Sen",
    ];
    assert!(schools.iter().any(|s| team_of(&plan, s) == Some("Đoàn 2")));
}

#[test]
fn agencies_match_through_case_diacritics_and_accent_placement() {
    // Typed as people type them: capitals, no diacritics, "hoá" for "hóa",
    // "UBND" for "Ủy ban nhân dân".
    let f = file(&[
        ("Đoàn 1", &["PHÒNG TƯ PHÁP", "phong noi vu"]),
        ("Đoàn 2", &["Phòng Văn hoá và Thông tin", "UBND xa My An"]),
    ]);
    let u = units(&[
        "Phòng Tư pháp",
        "Phòng Nội vụ",
        "Phòng Văn hóa và Thông tin",
        "Ủy ban nhân dân xã Mỹ An",
    ]);
    let plan = make(&u, &f);
    assert!(plan.fits());
    assert_eq!(team_of(&plan, "Phòng Tư pháp"), Some("Đoàn 2"));
    assert_eq!(team_of(&plan, "Phòng Nội vụ"), Some("Đoàn 2"));
    assert_eq!(team_of(&plan, "Phòng Văn hóa và Thông tin"), Some("Đoàn 1"));
    assert_eq!(team_of(&plan, "Ủy ban nhân dân xã Mỹ An"), Some("Đoàn 1"));
}

#[test]
fn a_unit_every_team_has_a_member_from_is_named_with_those_members() {
    let f = file(&[
        ("Đoàn 1", &["Phòng GD&ĐT"]),
        ("Đoàn 2", &["Phòng Giáo dục và Đào tạo huyện"]),
    ]);
    let plan = make(&units(&["Phòng GD và ĐT", "Phòng Tư pháp"]), &f);
    assert!(!plan.fits());
    assert_eq!(plan.placed(), 1);
    assert_eq!(plan.unscheduled.len(), 1);
    let u = &plan.unscheduled[0];
    assert_eq!(u.reason.code(), "own-agency-in-every-team");
    assert_eq!(
        u.explain(Lang::Vi),
        "Phòng GD và ĐT: đoàn nào cũng có thành viên của chính đơn vị này — Người Đoàn 1 0 (Đoàn 1), Người Đoàn 2 0 (Đoàn 2)"
    );
    let text = plan.failure(Lang::Vi);
    assert!(text.contains("chỉ xếp được 1/2 đơn vị"), "{text}");
    assert!(text.contains("thêm 1 đoàn"), "{text}");
    assert!(!text.contains("kéo dài"), "{text}");
    assert!(text.ends_with("Chưa ghi tệp nào."), "{text}");
}

#[test]
fn units_with_errors_get_the_longer_slot_and_a_unit_listed_twice_counts_once() {
    let f = file(&[("Đoàn 1", &["Hội Khuyến học"])]);
    let mut u = units(&["UBND xã Mỹ An", "Phòng Y tế", "Ủy ban nhân dân xã Mỹ An"]);
    u[2].errors = true;
    let plan = make(&u, &f);
    assert_eq!(plan.units, 2);
    let v = &plan.teams[0].visits;
    assert_eq!(v.len(), 2);
    // In name order: Phòng Y tế, then UBND xã Mỹ An (with errors, 30 minutes).
    assert_eq!(v[0].unit, "Phòng Y tế");
    assert_eq!(
        (v[0].start.to_string(), v[0].end.to_string()),
        ("07:30".into(), "07:50".into())
    );
    assert_eq!(v[1].unit, "UBND xã Mỹ An");
    assert!(v[1].longer);
    assert_eq!(
        (v[1].start.to_string(), v[1].end.to_string()),
        ("07:50".into(), "08:20".into())
    );
}

#[test]
fn the_json_is_the_interface_shape() {
    let f = file(&[
        ("Đoàn 1", &["Phòng Nội vụ"]),
        ("Đoàn 2", &["Phòng Tư pháp"]),
    ]);
    let plan = make(&units(&["Phòng Tư pháp", "Phòng Nội vụ"]), &f);
    let j = plan.to_json(Lang::Vi);
    assert_eq!(
        j,
        serde_json::json!({
            "teams": [
                { "name": "Đoàn 1",
                  "members": [ { "name": "Người Đoàn 1 0", "role": "Thành viên", "agency": "Phòng Nội vụ" } ],
                  "units": [ { "unit": "Phòng Tư pháp", "start": "07:30", "end": "07:50" } ] },
                { "name": "Đoàn 2",
                  "members": [ { "name": "Người Đoàn 2 0", "role": "Thành viên", "agency": "Phòng Tư pháp" } ],
                  "units": [ { "unit": "Phòng Nội vụ", "start": "07:30", "end": "07:50" } ] },
            ],
            "unscheduled": [],
        })
    );
}

#[test]
fn an_impossible_day_explains_with_figures() {
    let f = file(&[
        ("Đoàn 1", &["Hội Khuyến học"]),
        ("Đoàn 2", &["Hội Nông dân"]),
    ]);
    let names: Vec<String> = (1..=60).map(|i| format!("Đơn vị số {i:02}")).collect();
    let u: Vec<PlanUnit> = names
        .iter()
        .map(|n| PlanUnit {
            name: n.clone(),
            errors: false,
        })
        .collect();
    let plan = make(&u, &f);
    assert_eq!(plan.placed(), 40);
    let text = plan.failure(Lang::Vi);
    assert!(text.contains("chỉ xếp được 40/60 đơn vị — 2 đoàn, các buổi 07:30–11:00, 13:30–17:00, mỗi đơn vị 20 phút (đơn vị có lỗi: 30 phút)."), "{text}");
    assert!(text.contains("20 đơn vị chưa có chỗ:"), "{text}");
    assert!(
        text.contains("kéo dài buổi 13:30–17:00 đến 20:10"),
        "{text}"
    );
    assert!(text.contains("thêm 1 đoàn"), "{text}");
    assert!(text.contains("rút thời gian mỗi đơn vị xuống 14 phút (đơn vị có lỗi: 21 phút) (slot_minutes = 14, error_slot_minutes = 21)"), "{text}");
    let en = plan.failure(Lang::En);
    assert!(en.contains("only 40 of 60 units fit"), "{en}");
}
