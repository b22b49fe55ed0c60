//! What a new password must be: 8 to 128 characters and not easy to guess,
//! as zxcvbn judges it (common passwords, keyboard runs, repeats, dates) with
//! the user's own phone and name counted as known words.

use doorstep_shared::api::ErrorCode;
use zxcvbn::{zxcvbn, Score};

use crate::error::ApiError;

pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longer passwords are refused before zxcvbn, whose work grows with length.
pub const MAX_PASSWORD_CHARS: usize = 128;
/// zxcvbn's "somewhat guessable": safe from online guessing that is throttled.
const MIN_SCORE: Score = Score::Two;

/// Refuses a password too short, too long or too easy to guess, naming `password`.
pub fn check_new_password(password: &str, phone: &str, display_name: &str) -> Result<(), ApiError> {
    let chars = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        let message = format!("password must have {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters");
        return Err(ApiError::validation("password", message));
    }
    let known = [phone, display_name];
    let lowered = password.to_lowercase();
    let contains_known = known.iter().any(|k| !k.is_empty() && lowered.contains(&k.to_lowercase()));
    if contains_known || zxcvbn(password, &known).score() < MIN_SCORE {
        let message = "password is too easy to guess: avoid common passwords and your phone number or name";
        return Err(ApiError::with_fields(ErrorCode::WeakPassword, message, &["password"]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_personal_passwords_are_weak_and_a_passphrase_is_not() {
        for weak in ["12345678", "password", "        ", "qwertyuiop", "13800009999", "x13800009999", "王秀英王秀英王秀英"] {
            assert!(check_new_password(weak, "13800009999", "王秀英").is_err(), "{weak:?} accepted");
        }
        assert!(check_new_password("my-secret-1", "13800009999", "王秀英").is_ok());
    }
}
