//! What the two database baselines (`fts5.rs`, `pg_fts.rs`) share: a posting
//! as the row they store (the product's jieba words of title and body, skill
//! tokens, the filter columns) and a match request as the values their SQL
//! binds. They answer the match the way a careful engineer would with the
//! database alone: full-text relevance, the hard filters on indexed columns,
//! the exact commute circle, and the top 10 by the product's blend of
//! relevance and nearness (0.6 relevance, 0.4 a gaussian of distance whose
//! width is half the commute); when fewer than 10 match the words, the
//! nearest postings that pass the filters fill the list, as the product's do.

use doorstep_server::domain::{Point, Profile};
use doorstep_server::reference::SkillCatalog;
use doorstep_server::search::jieba_analyzer;
use doorstep_server::storage::StoredPosting;
use doorstep_shared::api::Schedule;
use tantivy::tokenizer::TokenStream;

/// Kilometres per degree of latitude, as the product's collector uses.
pub const KM_PER_LAT: f64 = 111.195;

/// How many matches a request wants.
pub const TOP: usize = 10;

/// One-character words that carry no subject (the product's particle list).
const PARTICLES: &str =
    "的了着过吗呢吧啊呀嘛在想要找我你他她它们这那哪个些和与或及是有在把被给让对从到里上下不没也都还就才又很太最更能会可以去来做干份点啥么什怎";

/// A posting as both baselines store it.
pub struct Row {
    pub id: i64,
    /// jieba words of the title, space-separated.
    pub title: String,
    /// jieba words of the description and of the skills' names and synonyms.
    pub body: String,
    /// One token per required skill (`skill_token`).
    pub skills: String,
    pub lat: f64,
    pub lon: f64,
    pub wage_max: i64,
    /// Ordinal in `Schedule::ALL`.
    pub schedule: i64,
    pub physical: i64,
    pub accessible: i64,
    pub valid_until: i64,
}

impl Row {
    /// The row of a stored posting, its text segmented by the product's analyzer.
    pub fn of(p: &StoredPosting, catalog: &SkillCatalog) -> Self {
        let c = &p.content;
        let mut body = c.description.clone();
        for code in &c.skills {
            body.push(' ');
            body.push_str(&catalog.all_terms(code.as_ref()).join(" "));
        }
        Row {
            id: p.id,
            title: words(&c.title).join(" "),
            body: words(&body).join(" "),
            skills: c.skills.iter().map(|s| skill_token(s.as_ref())).collect::<Vec<_>>().join(" "),
            lat: c.site.lat,
            lon: c.site.lon,
            wage_max: i64::from(c.wage_max),
            schedule: schedule_ordinal(c.schedule),
            physical: c.physical_demand.rank() as i64,
            accessible: i64::from(c.accessible),
            valid_until: c.valid_until.unix_days(),
        }
    }
}

/// A match request as the baselines' SQL binds it.
pub struct Ask {
    /// Skill tokens (the profile's skills and those its text names, as the product adds them).
    pub skills: Vec<String>,
    /// jieba words of the text: two characters or more, or one that is not a particle.
    pub words: Vec<String>,
    pub home: Point,
    /// Degrees: the commute box; everything when willing to move.
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
    /// Km² per squared degree of longitude at home.
    pub lon_km2: f64,
    /// Squared commute, km² (infinite when willing to move).
    pub reach2: f64,
    /// 2 × the squared gaussian width, km².
    pub width2: f64,
    pub valid_on: i64,
    pub min_wage: i64,
    pub accessible: i64,
    pub max_physical: i64,
    /// Bit i set: schedule ordinal i is acceptable.
    pub schedules: i64,
}

impl Ask {
    /// The request for a profile and text; `None` without a home.
    pub fn of(profile: &Profile, text: Option<&str>, catalog: &SkillCatalog, valid_on: i64) -> Option<Self> {
        let home = profile.home.as_ref()?.point;
        let mut skills: Vec<String> = profile.skills.iter().map(|s| skill_token(s.as_ref())).collect();
        let mut text_words = Vec::new();
        if let Some(t) = text {
            skills.extend(catalog.mentioned_in(t).iter().map(|s| skill_token(s.as_ref())));
            for w in words(t) {
                let mut chars = w.chars();
                let particle = matches!((chars.next(), chars.next()), (Some(c), None) if PARTICLES.contains(c));
                if !particle && !text_words.contains(&w) {
                    text_words.push(w);
                }
            }
        }
        skills.sort();
        skills.dedup();
        let (min_lat, max_lat, min_lon, max_lon, reach2) = if profile.willing_to_relocate {
            (-90.0, 90.0, -180.0, 180.0, f64::MAX)
        } else {
            let b = home.bounding_box(profile.max_commute_km);
            (b.min_lat, b.max_lat, b.min_lon, b.max_lon, profile.max_commute_km.powi(2))
        };
        let scale = (profile.max_commute_km / 2.0).max(3.0);
        let schedules = match &profile.schedules {
            Some(list) => list.iter().fold(0, |bits, s| bits | 1 << schedule_ordinal(*s)),
            None => 0xFF,
        };
        Some(Ask {
            skills,
            words: text_words,
            home,
            min_lat,
            max_lat,
            min_lon,
            max_lon,
            lon_km2: (KM_PER_LAT * home.lat.to_radians().cos()).powi(2),
            reach2,
            width2: 2.0 * scale * scale,
            valid_on,
            min_wage: profile.min_wage.map_or(0, i64::from),
            accessible: i64::from(profile.needs_accessible),
            max_physical: profile.max_physical_demand.rank() as i64,
            schedules,
        })
    }

    pub fn has_terms(&self) -> bool {
        !self.skills.is_empty() || !self.words.is_empty()
    }
}

/// Adds the nearest postings (`nearest`, best first) not already in `ids`, up to `TOP`.
pub fn fill(ids: &mut Vec<i64>, nearest: Vec<i64>) {
    for id in nearest {
        if ids.len() >= TOP {
            break;
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
}

/// A skill code as one token that no word of text can be: `sk` and its letters.
pub fn skill_token(code: &str) -> String {
    format!("sk{}", code.replace('_', ""))
}

fn schedule_ordinal(s: Schedule) -> i64 {
    Schedule::ALL.iter().position(|x| *x == s).unwrap_or(0) as i64
}

/// The product's jieba words of a text (search mode, lowercased), letters
/// and digits only: what both databases index, pre-segmented.
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = jieba_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        let word: String = token.text.chars().filter(|c| c.is_alphanumeric()).collect();
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}
