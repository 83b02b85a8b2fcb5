//! The expected scores of the 26 samples, shared by tests/samples.rs and
//! tests/consolidate_samples.rs.
//!
//! Computed outside dvht (tests/expected_samples.py reads each file's cells
//! and applies docs/DOMAIN.md's rules in exact fractions), not by the code under
//! test: per sample, the final score of the 17 scored criteria in rubric
//! order (1a 1b 1c 2a 2b 2c 2d 3a1…3a8 3b 3c), the final total and its band.

#[rustfmt::skip]
pub const EXPECTED: [(&str, &str, &str, &str); 26] = [
    ("01-van-phong-hdnd-ubnd", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("02-phong-noi-vu", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("03-phong-tu-phap", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("04-phong-tai-chinh-ke-hoach", "10 10 10 10 5 9.5 4.5 3 3 3 3 3 3 3 4 10 5", "99", "Tốt"),
    ("05-phong-giao-duc-dao-tao", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("06-phong-van-hoa-thong-tin", "10 10 8 10 5 9 4.5 3 3 3 3 3 3 3 4 10 3", "94.5", "Tốt"),
    ("07-phong-lao-dong-tbxh", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("08-phong-tai-nguyen-moi-truong", "10 10 10 9.5 5 10 4.5 3 3 3 3 0 3 3 4 10 3", "94", "Tốt"),
    ("09-phong-kinh-te-ha-tang", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 5", "99.5", "Tốt"),
    ("10-phong-nong-nghiep", "10 10 8 10 5 9.5 4.5 3 3 3 3 3 3 3 4 10 2", "94", "Tốt"),
    ("11-phong-y-te", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 2", "97", "Tốt"),
    ("12-thanh-tra-huyen", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 3", "97.5", "Tốt"),
    ("13-trung-tam-y-te", "10 10 8 9.5 5 9.5 4 3 3 3 3 3 3 3 4 10 5", "96", "Tốt"),
    ("14-trung-tam-van-hoa-the-thao", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("15-trung-tam-gdnn-gdtx", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 5", "99.5", "Tốt"),
    ("16-ban-quan-ly-du-an", "10 0 6 9 5 9.5 4 3 3 3 3 3 3 3 4 10 1", "79.5", "Khá"),
    ("17-thcs-thi-tran", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("18-thcs-my-phu", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 5", "99.5", "Tốt"),
    ("19-tieu-hoc-nhi-thanh", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("20-mam-non-hoa-sen", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 3", "98", "Tốt"),
    ("21-ubnd-thi-tran", "10 10 8 9.5 5 10 4.5 3 3 3 3 3 3 3 4 10 3", "95", "Tốt"),
    ("22-ubnd-xa-my-an", "10 10 6 9 5 9.5 4 3 3 3 3 3 0 3 4 10 2", "87.5", "Tốt"),
    ("23-ubnd-xa-binh-thanh", "10 10 6 9 5 9 4 3 3 3 3 3 3 3 4 0 1", "79", "Khá"),
    ("24-ubnd-xa-long-thanh", "10 10 4 8 5 8.5 3.5 3 3 3 3 0 0 3 4 0 0", "68", "Trung bình"),
    ("25-tieu-hoc-tan-thanh", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("26-mat-tran-to-quoc", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 2", "97", "Tốt"),
];
