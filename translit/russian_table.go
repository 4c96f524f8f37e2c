package translit

// iso9Table is ISO 9:1995 (GOST 7.79-2000 System A), one Latin letter per
// Cyrillic letter, read at en.wikipedia.org/wiki/ISO_9 (table "ISO 9:1995"
// column for Russian, plus the pre-1918 letters і ѣ ѳ ѵ and the Ukrainian and
// Belarusian letters ґ є ї ў found in Harbin émigré texts).
var iso9Table = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "ë",
	'ж': "ž", 'з': "z", 'и': "i", 'й': "j", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'ш': "š", 'щ': "ŝ", 'ъ': "ʺ",
	'ы': "y", 'ь': "ʹ", 'э': "è", 'ю': "û", 'я': "â",
	'і': "ì", 'ѣ': "ě", 'ѳ': "f\u0300", 'ѵ': "ỳ",
	'ґ': "g\u0300", 'є': "ê", 'ї': "ï", 'ў': "ŭ",
}

// bgnTable is BGN/PCGN 1947 for Russian, read at
// en.wikipedia.org/wiki/BGN/PCGN_romanization_of_Russian. е and ё depend on
// position and are handled in code: ye/yë word-initially and after а е ё и
// о у ы э ю я й ъ ь, e/ë elsewhere. The optional interpunct (t·s, sh·ch) is
// not written. Pre-1918 і ѳ ѵ are read as и ф и, ѣ as е.
var bgnTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "ʺ",
	'ы': "y", 'ь': "ʼ", 'э': "e", 'ю': "yu", 'я': "ya",
	'і': "i", 'ѳ': "f", 'ѵ': "i",
	'ґ': "g", 'ї': "yi", 'ў': "w",
}

// scholarlyTable is the scientific (scholarly) transliteration used in
// linguistics and Slavic studies, read at
// en.wikipedia.org/wiki/Scientific_transliteration_of_Cyrillic (Russian
// column): х → x, ц → c, щ → šč, й → j, ю → ju, я → ja, э → è, ь → ʹ, ъ → ʺ.
// Pre-1918 ѣ → ě, і → i, ѳ → f, ѵ → i.
var scholarlyTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "ë",
	'ж': "ž", 'з': "z", 'и': "i", 'й': "j", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "x", 'ц': "c", 'ч': "č", 'ш': "š", 'щ': "šč", 'ъ': "ʺ",
	'ы': "y", 'ь': "ʹ", 'э': "è", 'ю': "ju", 'я': "ja",
	'і': "i", 'ѣ': "ě", 'ѳ': "f", 'ѵ': "i",
	'ґ': "g", 'є': "je", 'ї': "ji", 'ў': "ŭ",
}
