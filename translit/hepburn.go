package translit

// Hepburn romanizes kana by modified (revised) Hepburn with macrons, the
// form of Kenkyūsha's 3rd edition (1954) and ALA-LC, as described at
// en.wikipedia.org/wiki/Hepburn_romanization:
//
//   - long vowels: おう and おお → ō, うう → ū, ああ → ā, ええ → ē, the
//     katakana long mark ー → macron on the vowel before it (ī included);
//     いい → ii and えい → ei are written as spelled;
//   - ん → n' before a vowel or y, otherwise n (also before b, m, p: this is
//     the modern revised form; see [HepburnTraditional] for m);
//   - っ doubles the next consonant, っち → tchi; っ before a vowel or at the
//     end is dropped;
//   - yōon (きゃ kya, しゃ sha, じゃ ja …) and extended katakana (ティ ti,
//     ファ fa, ヴ vu, シェ she, ツァ tsa …) per the Wikipedia tables;
//   - を → o, ゐ → i, ゑ → e, ぢ → ji, づ → zu.
//
// Katakana, hiragana and half-width katakana are accepted alike; the first
// letter of each space-separated word is capitalized, as names are written.
// Particles are not recognized (は is always ha). Non-kana runes pass through.
//
//	Hepburn("とうきょう") == "Tōkyō"
//	Hepburn("しんばし") == "Shinbashi"
func Hepburn(kana string) string {
	return renderOpts{sys: sysHepburn, long: lsMacron}.render(parseKana(kana))
}

// HepburnTraditional is [Hepburn] with the syllabic n written m before b, m
// and p, as in traditional Hepburn (3rd edition of Hepburn's dictionary,
// 1886) and in most 1920s–1940s sources: しんばし → Shimbashi, なんば → Namba.
func HepburnTraditional(kana string) string {
	return renderOpts{sys: sysHepburn, long: lsMacron, mBeforeBMP: true}.render(parseKana(kana))
}

// HepburnVariants returns the Latin spellings people type for the reading
// kana, for indexing, deduplicated, in this order: modified Hepburn with
// macrons (Tōkyō); without any long-vowel mark (Tokyo); long vowels as the
// kana spell them, the wāpuro form (Toukyou); doubled vowels (Tookyoo); "oh"
// as in passports (Tohkyoh); circumflexes (Tôkyô); traditional Hepburn m
// before b, m, p with macrons and without marks (Shimbashi); Kunrei-shiki
// with circumflexes and without marks (Tôkyô, Tokyo); n' written without
// the apostrophe (Shinichi for Shin'ichi); and, for katakana, the foreign
// name without the vowels katakana adds after consonants (ハルビン → Harbin,
// ヴォルガ → Vorga: ル stays r). At most 14 strings are returned.
//
//	HepburnVariants("とうじょう") → Tōjō, Tojo, Toujou, Toojoo, Tohjoh, Tôjô, Tôzyô, Tozyo
func HepburnVariants(kana string) []string {
	toks := parseKana(kana)
	opts := []renderOpts{
		{sys: sysHepburn, long: lsMacron},
		{sys: sysHepburn, long: lsNone},
		{sys: sysHepburn, long: lsKana},
		{sys: sysHepburn, long: lsDouble},
		{sys: sysHepburn, long: lsOH},
		{sys: sysHepburn, long: lsCircum},
		{sys: sysHepburn, long: lsMacron, mBeforeBMP: true},
		{sys: sysHepburn, long: lsNone, mBeforeBMP: true},
		{sys: sysKunrei, long: lsCircum},
		{sys: sysKunrei, long: lsNone},
		{sys: sysHepburn, long: lsNone, noApos: true},
		{sys: sysHepburn, long: lsKana, noApos: true},
		{sys: sysHepburn, long: lsNone, mBeforeBMP: true, noApos: true},
		{sys: sysHepburn, long: lsNone, epenthetic: true},
	}
	out := make([]string, 0, len(opts))
	seen := make(map[string]bool, len(opts))
	for _, o := range opts {
		s := o.render(toks)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
