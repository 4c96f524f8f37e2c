package translit

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	for _, k := range []string{"とうきょう", "おおの", "どいはら けんじ", "こまつばら みちたろう", "ひぐち きいちろう", "あきくさ しゅん", "はた ひこさぶろう", "とうじょう", "しんきょう", "ハルビン", "ノヴゴロド", "ハバロフスク", "しんばし", "げんいち", "じゅんや", "まっち", "タクシー", "ティーパーティー", "ヴォルガ", "おかあさん", "めいじ", "いすゞ", "ｶﾀｶﾅ", "きんゆう", "かんおう"} {
		fmt.Println(k, "|", Hepburn(k), "|", HepburnTraditional(k), "|", Kunrei(k), "|", Polivanov(k), "|", PolivanovMarked(k), "|", HepburnVariants(k))
	}
	for _, s := range []string{"Tōkyō", "Tokyo", "Toukyou", "Tohkyoh", "Shimbashi", "Shin'ichi", "Kenji", "konnichiha", "onna", "Matchi", "Tôzyô", "Satoh", "Ohara", "kan'ō"} {
		k, ok := RomajiToKana(s)
		fmt.Println(s, k, ok, Polivanov(k))
	}
	for _, s := range []string{"Кэндзи", "Доихара", "То:кё:", "Гэнъити", "Симбаси", "Хигути Киитиро", "Харбин", "Мацуока", "Ниппон"} {
		k, ok := PolivanovToKana(s)
		fmt.Println(s, k, ok, Hepburn(k))
	}
}

func TestScratchRu(t *testing.T) {
	for _, s := range []string{"Люшков", "Родзаевский", "Семёнов", "Ежов Щукин ЖУКОВ Харбин", "Объединение Юрьев Подъячев", "Хрущёв", "ЁЛКА Ёлка", "Мейеровка Чапаевск"} {
		fmt.Println(s, "|", ISO9(s), "|", BGN(s), "|", BGNSimple(s), "|", Scholarly(s))
	}
}

func TestScratchCand(t *testing.T) {
	for _, s := range []string{"Lyushkov", "Rodzaevsky", "Rodzayevskiy", "Kharbin", "Harbin", "Semyonov", "Semenov", "Ljuškov", "Lûškov", "Rodzaevskij", "Groznyy", "Nikolai", "Mikhail", "Yezhov", "Khabarovsk", "Blagoveshchensk", "Vladivostok", "Grigory Semyonov", "ZHUKOV", "Gorbachov", "Semjonow", "Yuryev", "Ilyich", "Bykov", "Sergey", "Dmitriy", "Chita", "Kirill"} {
		fmt.Println(s, CyrillicCandidates(s))
	}
}
