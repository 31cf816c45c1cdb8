fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    for sub in ["pnrgov", "pnrgov-xml", "paxlst"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let r = piu_messages::read(&std::fs::read(&f).unwrap(), &Default::default());
            for (mi, m) in r.messages.iter().enumerate() {
                for ti in 0..m.travellers.len() {
                    let facts = piu_criteria::facts(m, ti, &[], None);
                    let line: Vec<String> = facts.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    println!(
                        "{}#{mi}/{ti}: {}",
                        f.file_name().unwrap().to_string_lossy(),
                        line.join(" ")
                    );
                }
            }
        }
    }
}
