//! The delivery rules, pure: quiet hours (China time), the daily cap per
//! person, opt-out, exponential backoff, and which replies opt out. The
//! worker asks them with the time it was given, so tests choose the time.

use std::collections::{HashMap, HashSet};

use doorstep_shared::api::{SmsKind, SmsReason};
use doorstep_shared::types::Day;

use super::SmsSettings;

const CHINA_OFFSET_SECS: i64 = 8 * 3600;
const DAY_SECS: i64 = 86_400;

/// A daily span of China time when push SMS wait; `start == end` is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    /// Minutes after midnight.
    start: i64,
    end: i64,
}

impl QuietHours {
    /// From `HH:MM` start and end (the span may cross midnight).
    pub fn parse(start: &str, end: &str) -> Result<Self, String> {
        Ok(Self { start: minutes(start).ok_or("quiet_start must be HH:MM")?, end: minutes(end).ok_or("quiet_end must be HH:MM")? })
    }

    /// Whether `unix_secs` falls inside the quiet hours.
    pub fn contains(&self, unix_secs: i64) -> bool {
        let t = (unix_secs + CHINA_OFFSET_SECS).rem_euclid(DAY_SECS) / 60;
        if self.start <= self.end {
            (self.start..self.end).contains(&t)
        } else {
            t >= self.start || t < self.end
        }
    }
}

fn minutes(hh_mm: &str) -> Option<i64> {
    let (h, m) = hh_mm.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m) && hh_mm.trim().len() == 5).then_some(h * 60 + m)
}

/// Midnight (China time) that begins the day of `unix_secs`.
pub fn day_start(unix_secs: i64) -> i64 {
    Day::in_china_at(unix_secs).unix_days() * DAY_SECS - CHINA_OFFSET_SECS
}

/// Whether a reply asks for no more SMS: "TD" (退订), "退订", "T", "N" or "STOP", any case, spaces ignored.
pub fn is_opt_out_reply(text: &str) -> bool {
    let word: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '!' | '！')).collect::<String>().to_uppercase();
    matches!(word.as_str(), "TD" | "退订" | "T" | "N" | "STOP" | "UNSUBSCRIBE")
}

/// The rules, checked once from settings.
#[derive(Debug, Clone, Copy)]
pub struct SmsPolicy {
    pub quiet: QuietHours,
    pub daily_cap: u32,
    pub max_attempts: u32,
    pub backoff_secs: i64,
    pub backoff_cap_secs: i64,
}

impl SmsPolicy {
    pub fn from_settings(s: &SmsSettings) -> Result<Self, String> {
        if s.max_attempts == 0 || s.backoff_secs == 0 || s.backoff_cap_secs < s.backoff_secs {
            return Err("sms.max_attempts and sms.backoff_secs must be at least 1, sms.backoff_cap_secs at least backoff_secs".into());
        }
        let secs = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        Ok(Self {
            quiet: QuietHours::parse(&s.quiet_start, &s.quiet_end)?,
            daily_cap: s.daily_cap,
            max_attempts: s.max_attempts,
            backoff_secs: secs(s.backoff_secs),
            backoff_cap_secs: secs(s.backoff_cap_secs),
        })
    }

    /// Seconds to wait after failed attempt number `attempts` (from 1): doubling, capped.
    pub fn backoff(&self, attempts: u32) -> i64 {
        let doublings = attempts.saturating_sub(1).min(40);
        self.backoff_secs.saturating_mul(1_i64 << doublings).min(self.backoff_cap_secs)
    }
}

/// What to do with a claimed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Send,
    Skip(SmsReason),
    /// Back to the queue until then.
    Hold(SmsReason, i64),
}

/// A claimed message, as the rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub id: i64,
    pub kind: SmsKind,
    pub person_id: Option<i64>,
}

/// Decides each claimed message, in id order. A sign-up SMS always goes; a
/// push SMS is skipped for a person who opted out, and held until the next
/// day once the person's push SMS today (`ahead`: sent today, or being sent
/// by another server, by person with their ids) and those sent before it in
/// this batch reach the cap; an older message goes before a newer one.
pub fn decide(batch: &[Candidate], opted_out: &HashSet<i64>, ahead: &[(i64, i64)], policy: &SmsPolicy, now: i64) -> Vec<Verdict> {
    let mut sending: HashMap<i64, u32> = HashMap::new();
    let mut verdicts = Vec::with_capacity(batch.len());
    for sms in batch {
        let Some(person) = sms.person_id.filter(|_| sms.kind == SmsKind::Push) else {
            verdicts.push(Verdict::Send);
            continue;
        };
        if opted_out.contains(&person) {
            verdicts.push(Verdict::Skip(SmsReason::OptedOut));
            continue;
        }
        let before = ahead.iter().filter(|(p, id)| *p == person && *id < sms.id).count() as u32;
        let here = sending.entry(person).or_default();
        if before + *here >= policy.daily_cap {
            verdicts.push(Verdict::Hold(SmsReason::DailyCap, day_start(now) + DAY_SECS));
            continue;
        }
        *here += 1;
        verdicts.push(Verdict::Send);
    }
    verdicts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-01 00:00 in China.
    const MIDNIGHT: i64 = 1_796_054_400;

    fn policy() -> SmsPolicy {
        SmsPolicy::from_settings(&SmsSettings::default()).expect("defaults are valid")
    }

    #[test]
    fn quiet_hours_span_midnight_in_china_time() {
        assert_eq!(Day::in_china_at(MIDNIGHT).to_string(), "2026-12-01");
        assert_eq!(day_start(MIDNIGHT + 3_600), MIDNIGHT);
        let quiet = policy().quiet;
        for (hour, minute, expected) in [(20, 59, false), (21, 0, true), (23, 30, true), (0, 0, true), (7, 59, true), (8, 0, false), (12, 0, false)] {
            assert_eq!(quiet.contains(MIDNIGHT + hour * 3_600 + minute * 60), expected, "{hour:02}:{minute:02}");
        }
        let day_span = QuietHours::parse("12:00", "13:30").expect("valid");
        assert!(day_span.contains(MIDNIGHT + 13 * 3_600) && !day_span.contains(MIDNIGHT + 14 * 3_600));
        assert!(!QuietHours::parse("00:00", "00:00").expect("none").contains(MIDNIGHT));
        for bad in ["9pm", "24:00", "8:00", "08:60", ""] {
            assert!(QuietHours::parse(bad, "08:00").is_err(), "{bad}");
        }
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let p = policy();
        let waits: Vec<i64> = (1..=9).map(|n| p.backoff(n)).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480, 960, 1_920, 3_600, 3_600]);
        assert_eq!(p.backoff(u32::MAX), 3_600);
        let ridden_out: i64 = (1..p.max_attempts).map(|n| p.backoff(n)).sum();
        assert!(ridden_out >= 5 * 3_600, "by default a gateway may be down five hours before a message fails: {ridden_out} s");
    }

    #[test]
    fn opt_out_replies_are_recognised_and_others_are_not() {
        for yes in ["TD", "td", " T D ", "退订", "退订。", "STOP", "n"] {
            assert!(is_opt_out_reply(yes), "{yes}");
        }
        for no in ["好的", "TDD", "谢谢", "", "1"] {
            assert!(!is_opt_out_reply(no), "{no}");
        }
    }

    #[test]
    fn sign_up_always_goes_and_pushes_meet_opt_out_and_the_cap_oldest_first() {
        let p = policy();
        let push = |id, person| Candidate { id, kind: SmsKind::Push, person_id: Some(person) };
        let batch = [Candidate { id: 1, kind: SmsKind::SignUp, person_id: None }, push(2, 7), push(3, 8), push(4, 8), push(5, 8), push(6, 9), push(7, 10)];
        let opted_out = HashSet::from([7]);
        // Person 9 had one sent today (id 0); person 10 has two older ones being sent elsewhere (and a newer one).
        let ahead = [(9, 0), (10, 5), (10, 6), (10, 99)];
        let tomorrow = MIDNIGHT + DAY_SECS;
        let verdicts = decide(&batch, &opted_out, &ahead, &p, MIDNIGHT + 10 * 3_600);
        assert_eq!(
            verdicts,
            vec![
                Verdict::Send,
                Verdict::Skip(SmsReason::OptedOut),
                Verdict::Send,
                Verdict::Send,
                Verdict::Hold(SmsReason::DailyCap, tomorrow),
                Verdict::Send,
                Verdict::Hold(SmsReason::DailyCap, tomorrow),
            ]
        );
    }
}
