package translit

import "strings"

// syl is one kana syllable (mora) and its spelling in each system.
type syl struct {
	hep, kun, pol string
	v             byte // final vowel: a i u e o, or 0
}

// kanaTable lists every kana and kana digraph the converters know, as
// "kana Hepburn Kunrei Polivanov". Keys are hiragana (katakana is folded to
// hiragana before lookup) except for ヷヸヹヺ, which have no hiragana.
//
// Sources, read for this table:
//   - Hepburn: en.wikipedia.org/wiki/Hepburn_romanization, romanization
//     chart and "Extended katakana" table; modified (revised) Hepburn as in
//     Kenkyūsha's 3rd edition (1954) and ALA-LC: を → o, ゐ → i, ゑ → e,
//     ぢ → ji, づ → zu.
//   - Kunrei-shiki: en.wikipedia.org/wiki/Kunrei-shiki_romanization (main
//     table, Cabinet Notification No. 1 of 1954 table 1, also ISO 3602:1989):
//     si ti tu hu zi, sya tya zya, ぢ → zi, づ → zu, を → o. Kunrei has no
//     rows for extended katakana; those use the Hepburn spelling.
//   - Polivanov: en.wikipedia.org/wiki/Polivanov_system "Main table",
//     ru.wikipedia.org/wiki/Система_Поливанова and the full katakana table
//     of ru.wikipedia.org/wiki/Катакана (ゐ → и, ゑ → э, を → о, イェ → е,
//     ウィ → ви, ウェ → вэ, ウォ → во). The other extended katakana follow
//     common Russian practice (ティ → ти, ファ → фа, ヴァ → ва, シェ → сэ).
var kanaTable = map[string]syl{}

const kanaRows = `
あ a a а
い i i и
う u u у
え e e э
お o o о
か ka ka ка
き ki ki ки
く ku ku ку
け ke ke кэ
こ ko ko ко
さ sa sa са
し shi si си
す su su су
せ se se сэ
そ so so со
た ta ta та
ち chi ti ти
つ tsu tu цу
て te te тэ
と to to то
な na na на
に ni ni ни
ぬ nu nu ну
ね ne ne нэ
の no no но
は ha ha ха
ひ hi hi хи
ふ fu hu фу
へ he he хэ
ほ ho ho хо
ま ma ma ма
み mi mi ми
む mu mu му
め me me мэ
も mo mo мо
や ya ya я
ゆ yu yu ю
よ yo yo ё
ら ra ra ра
り ri ri ри
る ru ru ру
れ re re рэ
ろ ro ro ро
わ wa wa ва
ゐ i i и
ゑ e e э
を o o о
が ga ga га
ぎ gi gi ги
ぐ gu gu гу
げ ge ge гэ
ご go go го
ざ za za дза
じ ji zi дзи
ず zu zu дзу
ぜ ze ze дзэ
ぞ zo zo дзо
だ da da да
ぢ ji zi дзи
づ zu zu дзу
で de de дэ
ど do do до
ば ba ba ба
び bi bi би
ぶ bu bu бу
べ be be бэ
ぼ bo bo бо
ぱ pa pa па
ぴ pi pi пи
ぷ pu pu пу
ぺ pe pe пэ
ぽ po po по
きゃ kya kya кя
きゅ kyu kyu кю
きょ kyo kyo кё
しゃ sha sya ся
しゅ shu syu сю
しょ sho syo сё
ちゃ cha tya тя
ちゅ chu tyu тю
ちょ cho tyo тё
にゃ nya nya ня
にゅ nyu nyu ню
にょ nyo nyo нё
ひゃ hya hya хя
ひゅ hyu hyu хю
ひょ hyo hyo хё
みゃ mya mya мя
みゅ myu myu мю
みょ myo myo мё
りゃ rya rya ря
りゅ ryu ryu рю
りょ ryo ryo рё
ぎゃ gya gya гя
ぎゅ gyu gyu гю
ぎょ gyo gyo гё
じゃ ja zya дзя
じゅ ju zyu дзю
じょ jo zyo дзё
ぢゃ ja zya дзя
ぢゅ ju zyu дзю
ぢょ jo zyo дзё
びゃ bya bya бя
びゅ byu byu бю
びょ byo byo бё
ぴゃ pya pya пя
ぴゅ pyu pyu пю
ぴょ pyo pyo пё
ぁ a a а
ぃ i i и
ぅ u u у
ぇ e e э
ぉ o o о
ゃ ya ya я
ゅ yu yu ю
ょ yo yo ё
ゎ wa wa ва
ゕ ka ka ка
ゖ ke ke кэ
いぇ ye ye е
うぃ wi wi ви
うぇ we we вэ
うぉ wo wo во
ゔ vu vu ву
ゔぁ va va ва
ゔぃ vi vi ви
ゔぇ ve ve вэ
ゔぉ vo vo во
ゔゅ vyu vyu вю
ヷ va va ва
ヸ vi vi ви
ヹ ve ve вэ
ヺ vo vo во
しぇ she sye сэ
じぇ je zye дзэ
ちぇ che tye тэ
てぃ ti ti ти
とぅ tu tu ту
てゅ tyu tyu тю
でぃ di di ди
どぅ du du ду
でゅ dyu dyu дю
つぁ tsa tsa ца
つぃ tsi tsi ци
つぇ tse tse цэ
つぉ tso tso цо
ふぁ fa fa фа
ふぃ fi fi фи
ふぇ fe fe фэ
ふぉ fo fo фо
ふゅ fyu fyu фю
くぁ kwa kwa ква
くぃ kwi kwi кви
くぇ kwe kwe квэ
くぉ kwo kwo кво
ぐぁ gwa gwa гва
すぃ si si си
ずぃ zi zi дзи
`

func init() {
	for _, line := range strings.Split(kanaRows, "\n") {
		f := strings.Fields(line)
		if len(f) != 4 {
			continue
		}
		kanaTable[f[0]] = syl{hep: f[1], kun: f[2], pol: f[3], v: f[1][len(f[1])-1]}
	}
}
