// Package translit derives the spellings under which a name may be searched.
//
// tokumu's users look for the same person or place in many scripts and
// systems: 土肥原, どいはら, Doihara, Dohihara, Доихара; Харбин, Harbin,
// ハルビン, 哈爾浜, 哈尔滨; Tōjō, Tojo, Toujou, Tohjoh. A source stores one
// or two of these spellings and the search must still match the others, so
// the index derives the spellings nobody stored. This package provides those
// derivations, each following a published system:
//
//   - kana → Latin: modified Hepburn ([Hepburn], [HepburnTraditional]),
//     Kunrei-shiki / ISO 3602 ([Kunrei]) and the typed variants people
//     actually use ([HepburnVariants]);
//   - kana ↔ Cyrillic by the Polivanov system ([Polivanov],
//     [PolivanovMarked], [PolivanovVariants], [PolivanovToKana]);
//   - Latin romaji → kana ([RomajiToKana]) accepting Hepburn, Kunrei,
//     Nihon-shiki and wāpuro input;
//   - Russian Cyrillic → Latin: ISO 9:1995 ([ISO9]), BGN/PCGN 1947 ([BGN],
//     [BGNSimple]) and the scholarly/scientific transliteration
//     ([Scholarly]); and back, approximately ([CyrillicCandidates]);
//   - kanji folding: kyūjitai → shinjitai ([Shinjitai]), Chinese
//     simplified ↔ traditional for place names ([SimplifiedToTraditional],
//     [TraditionalToSimplified]) and a composed key ([HanKey]);
//   - kana helpers ([Katakana], [Hiragana]).
//
// Every function is pure, safe for concurrent use, never panics and returns
// valid UTF-8 for any input (invalid bytes become U+FFFD). Runes a system
// does not cover (kanji in a kana converter, Latin in a Cyrillic one, …) are
// passed through unchanged, so mixed strings degrade gracefully.
//
// Readings are not derived from kanji: converting 土肥原 to どいはら needs a
// dictionary and is out of scope here.
//
// Sources: each table cites where it was read. The tables were written by hand
// from those published tables; no code was copied.
package translit
