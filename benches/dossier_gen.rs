//! Realistic generated dossiers for benchmarks and scale tests, shared by
//! `benches/store.rs` and `examples/generate.rs`.

use std::io::Write;
use std::path::Path;

const PROVINCES: [&str; 8] = [
    "Gia Lai",
    "Đắk Nông",
    "Lào Cai",
    "Trà Vinh",
    "Hà Giang",
    "Nghệ An",
    "Thái Bình",
    "Bến Tre",
];
const CATEGORIES: [&str; 6] = [
    "máy móc thiết bị",
    "mô hình trình diễn kỹ thuật",
    "xử lý ô nhiễm môi trường",
    "sản phẩm công nghiệp nông thôn tiêu biểu",
    "đào tạo nghề",
    "tư vấn",
];

/// `n` realistic dossiers as JSON Lines, codes starting at `from`.
pub fn generate(path: &Path, from: usize, n: usize) {
    let f = std::fs::File::create(path).expect("create");
    write_to(&mut std::io::BufWriter::new(f), from, n);
}

/// Write `n` dossiers as JSON Lines to `f`.
pub fn write_to(f: &mut impl Write, from: usize, n: usize) {
    for i in from..from + n {
        let p = PROVINCES[i % PROVINCES.len()];
        let c = CATEGORIES[i % CATEGORIES.len()];
        writeln!(
            f,
            r#"{{"code":"KC24-G-{i:07}","plan_year":2024,"province":"{p}","category":"{c}","title":"Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong chế biến nông sản, cơ sở số {i}","implementing_unit":"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp tỉnh {p}","beneficiary":{{"name":"Hợp tác xã Nông nghiệp số {i}","kind":"cooperative","district":"huyện {p}","commune":"xã Số {i}","workers":{w}}},"submitted_on":"{d:02}/09/2023","start":"2024-03-01","end":"2024-11-30","budget":{{"total_vnd":"1.200.000.000","national_vnd":"{nat}","local_vnd":0,"counterpart_vnd":"{cp}"}},"documents":["cover_letter","proposal","cost_estimate","support_request","province_appraisal","counterpart_commitment","no_double_funding","quotation"],"summary":"Cơ sở đầu tư dây chuyền sấy và đóng gói, nâng công suất, giảm tổn thất sau thu hoạch và tiêu hao năng lượng."}}"#,
            w = 10 + i % 90,
            d = 1 + i % 28,
            nat = 100_000_000 + (i % 20) * 10_000_000,
            cp = 1_100_000_000 - (i % 20) * 10_000_000,
        )
        .expect("write");
    }
}
