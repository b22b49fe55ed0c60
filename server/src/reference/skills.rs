//! The skills taxonomy: codes with Chinese and English names and the everyday
//! words people use for them ("做衣服" is sewing). Free text maps to codes here.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::SkillResponse;
use doorstep_shared::types::SkillCode;

use super::tsv;

const SKILLS_TSV: &str = include_str!("../../data/skills.tsv");

/// One skill as stored; synonyms are `|`-joined.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Skill {
    #[sqlx(try_from = "String")]
    pub code: SkillCode,
    pub trade: String,
    pub name_zh: String,
    pub name_en: String,
    pub synonyms_zh: String,
    pub synonyms_en: String,
    pub occupation_code: Option<String>,
}

impl Skill {
    pub fn to_response(&self) -> SkillResponse {
        SkillResponse {
            code: self.code.to_string(),
            trade: self.trade.clone(),
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
            synonyms_zh: tsv::list(&self.synonyms_zh),
            synonyms_en: tsv::list(&self.synonyms_en),
            occupation_code: self.occupation_code.clone(),
        }
    }

    /// Every name a person might type for this skill.
    fn terms(&self) -> Vec<String> {
        let mut terms = vec![self.code.to_string(), self.name_zh.clone(), self.name_en.clone()];
        terms.extend(tsv::list(&self.synonyms_zh));
        terms.extend(tsv::list(&self.synonyms_en));
        terms
    }
}

/// Parses the shipped skills file.
pub fn bundled_skills() -> anyhow::Result<Vec<Skill>> {
    let mut out = Vec::new();
    for f in tsv::rows(SKILLS_TSV, 7).context("skills.tsv")? {
        out.push(Skill {
            code: SkillCode::parse(f[0]).map_err(anyhow::Error::msg)?,
            trade: f[1].to_string(),
            name_zh: f[2].to_string(),
            name_en: f[3].to_string(),
            synonyms_zh: f[4].to_string(),
            synonyms_en: f[5].to_string(),
            occupation_code: (!f[6].is_empty()).then(|| f[6].to_string()),
        });
    }
    Ok(out)
}

/// Case- and space-insensitive form of a term.
fn normalise(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// All skills, with an index from every name and synonym to the code.
#[derive(Debug, Default)]
pub struct SkillCatalog {
    skills: Vec<Skill>,
    by_term: HashMap<String, usize>,
}

impl SkillCatalog {
    pub fn new(mut skills: Vec<Skill>) -> Self {
        skills.sort_by(|a, b| (&a.trade, &a.code).cmp(&(&b.trade, &b.code)));
        let mut by_term = HashMap::new();
        for (i, skill) in skills.iter().enumerate() {
            for term in skill.terms() {
                by_term.entry(normalise(&term)).or_insert(i);
            }
        }
        Self { skills, by_term }
    }

    pub fn all(&self) -> &[Skill] {
        &self.skills
    }

    /// Maps a code, name or synonym to the skill's code.
    pub fn resolve(&self, raw: &str) -> Result<SkillCode, String> {
        match self.by_term.get(&normalise(raw)) {
            Some(&i) => Ok(self.skills[i].code.clone()),
            None => Err(format!("unknown skill {raw:?}")),
        }
    }

    pub fn get(&self, code: &str) -> Option<&Skill> {
        self.by_term.get(code).map(|&i| &self.skills[i]).filter(|s| s.code.as_ref() == code)
    }

    /// Chinese and English names of a code (the code itself if unknown).
    pub fn names(&self, code: &str) -> (String, String) {
        match self.get(code) {
            Some(s) => (s.name_zh.clone(), s.name_en.clone()),
            None => (code.to_string(), code.to_string()),
        }
    }

    /// Every name and synonym of a code, for indexing.
    pub fn all_terms(&self, code: &str) -> Vec<String> {
        self.get(code).map(Skill::terms).unwrap_or_default()
    }

    /// Skills whose names or synonyms (two characters or more) occur in free
    /// text: "想在家门口做衣服" mentions sewing.
    pub fn mentioned_in(&self, text: &str) -> Vec<SkillCode> {
        let text = normalise(text);
        let mut found = Vec::new();
        for skill in &self.skills {
            let hit = skill.terms().iter().map(|t| normalise(t)).any(|t| t.chars().count() >= 2 && text.contains(&t));
            if hit {
                found.push(skill.code.clone());
            }
        }
        found
    }

    /// Skills any of whose names contains the query, exact matches first.
    pub fn search(&self, q: &str) -> Vec<&Skill> {
        let q = normalise(q);
        if q.is_empty() {
            return self.skills.iter().collect();
        }
        let mut hits: Vec<(u8, usize)> = Vec::new();
        for (i, skill) in self.skills.iter().enumerate() {
            let mut best = None;
            for term in skill.terms() {
                let t = normalise(&term);
                let rank = if t == q {
                    0
                } else if t.starts_with(&q) {
                    1
                } else if t.contains(&q) {
                    2
                } else {
                    continue;
                };
                best = Some(best.map_or(rank, |b: u8| b.min(rank)));
            }
            if let Some(rank) = best {
                hits.push((rank, i));
            }
        }
        hits.sort();
        hits.into_iter().map(|(_, i)| &self.skills[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> SkillCatalog {
        SkillCatalog::new(bundled_skills().expect("parses"))
    }

    #[test]
    fn the_bundled_taxonomy_is_large_enough_and_unique() {
        let c = catalog();
        assert!(c.all().len() >= 80, "only {} skills", c.all().len());
        let mut codes: Vec<_> = c.all().iter().map(|s| s.code.as_ref()).collect();
        codes.dedup();
        assert_eq!(codes.len(), c.all().len());
    }

    #[test]
    fn everyday_words_resolve_to_skills() {
        let c = catalog();
        assert_eq!(c.resolve("做衣服").map(String::from).as_deref(), Ok("sewing"));
        assert_eq!(c.resolve(" Sewing ").map(String::from).as_deref(), Ok("sewing"));
        assert_eq!(c.resolve("采茶").map(String::from).as_deref(), Ok("tea_picking"));
        assert!(c.resolve("time travel").is_err());
    }

    #[test]
    fn skills_are_found_in_free_text() {
        let c = catalog();
        assert!(c.mentioned_in("想在家门口做衣服").iter().any(|code| code == "sewing"));
        assert!(c.mentioned_in("").is_empty());
    }

    #[test]
    fn search_ranks_exact_matches_first() {
        let c = catalog();
        let hits = c.search("做衣服");
        assert_eq!(hits.first().map(|s| s.code.as_str()), Some("sewing"));
    }
}
