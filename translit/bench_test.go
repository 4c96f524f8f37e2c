package translit_test

import (
	"testing"

	"github.com/tokumu/tokumu/translit"
)

const benchKana = "どいはら けんじ こまつばら みちたろう ひぐち きいちろう ハルビン とうきょう"

func BenchmarkHepburn(b *testing.B) {
	for b.Loop() {
		translit.Hepburn(benchKana)
	}
}

func BenchmarkHepburnVariants(b *testing.B) {
	for b.Loop() {
		translit.HepburnVariants(benchKana)
	}
}

func BenchmarkPolivanov(b *testing.B) {
	for b.Loop() {
		translit.Polivanov(benchKana)
	}
}

func BenchmarkRomajiToKana(b *testing.B) {
	for b.Loop() {
		translit.RomajiToKana("Doihara Kenji Komatsubara Michitarō Higuchi Kiichirō Tohjoh")
	}
}

func BenchmarkISO9(b *testing.B) {
	for b.Loop() {
		translit.ISO9("Люшков Генрих Самойлович, Родзаевский Константин Владимирович, Харбин")
	}
}

func BenchmarkBGN(b *testing.B) {
	for b.Loop() {
		translit.BGN("Люшков Генрих Самойлович, Родзаевский Константин Владимирович, Харбин")
	}
}

func BenchmarkCyrillicCandidates(b *testing.B) {
	for b.Loop() {
		translit.CyrillicCandidates("Rodzayevskiy Konstantin")
	}
}

func BenchmarkShinjitai(b *testing.B) {
	for b.Loop() {
		translit.Shinjitai("關東軍參謀部第二課 哈爾濱特務機關 滿洲國國務院 兵團司令部")
	}
}

func BenchmarkHanKey(b *testing.B) {
	for b.Loop() {
		translit.HanKey("哈尔滨特务机关 齐齐哈尔 满洲里 海拉尔")
	}
}
