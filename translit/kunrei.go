package translit

// Kunrei romanizes kana by Kunrei-shiki as fixed by Cabinet Notification
// No. 1 of 1954 (table 1) and ISO 3602:1989, read at
// en.wikipedia.org/wiki/Kunrei-shiki_romanization:
//
//   - si ti tu hu zi, sya syu syo, tya tyu tyo, zya zyu zyo; ぢ → zi,
//     づ → zu, を → o (ISO 3602 strict, i.e. Nihon-shiki di du wo, is not
//     produced);
//   - long vowels with a circumflex: おう, おお → ô, うう → û, ああ → â,
//     ええ → ê, ー → circumflex on the vowel before it; いい and えい are
//     written as spelled (the same vowel pairs as [Hepburn]);
//   - ん → n' before a vowel or y, otherwise n (never m);
//   - っ doubles the next consonant (っち → tti).
//
// Extended katakana, which Kunrei does not cover, are spelled as in Hepburn.
// Words are capitalized as in [Hepburn].
//
//	Kunrei("とうじょう") == "Tôzyô"
func Kunrei(kana string) string {
	return renderOpts{sys: sysKunrei, long: lsCircum}.render(parseKana(kana))
}
