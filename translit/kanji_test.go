package translit_test

import (
	"testing"

	"github.com/tokumu/tokumu/translit"
)

func TestShinjitai(t *testing.T) {
	cases := []struct{ in, want string }{
		{"滿洲國", "満洲国"}, {"關東軍", "関東軍"}, {"舊", "旧"}, {"會", "会"},
		{"團", "団"}, {"機關", "機関"}, {"臺", "台"}, {"鐵道", "鉄道"},
		{"兵團", "兵団"}, {"澤", "沢"}, {"廣", "広"}, {"濱", "浜"}, {"爾", "爾"},
		{"哈爾濱特務機關", "哈爾浜特務機関"}, {"參謀本部", "参謀本部"},
		{"陸軍省", "陸軍省"}, {"齊齊哈爾", "斉斉哈爾"}, {"黑河", "黒河"},
		{"\uFA4C", "社"}, {"蔣介石", "蒋介石"}, {"Харбин abc", "Харбин abc"},
	}
	for _, c := range cases {
		if got := translit.Shinjitai(c.in); got != c.want {
			t.Errorf("Shinjitai(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestChinese(t *testing.T) {
	pairs := []struct{ s, t string }{
		{"哈尔滨", "哈爾濱"}, {"齐齐哈尔", "齊齊哈爾"}, {"海拉尔", "海拉爾"}, {"黑河", "黑河"},
		{"长春", "長春"}, {"满洲里", "滿洲里"}, {"牡丹江", "牡丹江"}, {"佳木斯", "佳木斯"},
		{"沈阳", "瀋陽"}, {"大连", "大連"}, {"旅顺", "旅順"}, {"诺门罕", "諾門罕"},
		{"张鼓峰", "張鼓峰"}, {"海参崴", "海參崴"}, {"库伦", "庫倫"}, {"绥芬河", "綏芬河"},
		{"关东军", "關東軍"}, {"锦州", "錦州"}, {"热河", "熱河"}, {"乌兰巴托", "烏蘭巴托"},
	}
	for _, p := range pairs {
		if got := translit.SimplifiedToTraditional(p.s); got != p.t {
			t.Errorf("SimplifiedToTraditional(%s) = %s, want %s", p.s, got, p.t)
		}
		if got := translit.TraditionalToSimplified(p.t); got != p.s {
			t.Errorf("TraditionalToSimplified(%s) = %s, want %s", p.t, got, p.s)
		}
	}
	if got := translit.TraditionalToSimplified("特務機關"); got != "特务机关" {
		t.Errorf("TraditionalToSimplified(特務機關) = %s", got)
	}
	// 机 (desk) is ordinary Japanese: not turned into 機.
	if got := translit.SimplifiedToTraditional("机"); got != "机" {
		t.Errorf("SimplifiedToTraditional(机) = %s", got)
	}
}

func TestHanKey(t *testing.T) {
	groups := [][]string{
		{"哈爾浜", "哈爾濱", "哈尔滨"},
		{"斉斉哈爾", "齊齊哈爾", "齐齐哈尔"},
		{"満洲里", "滿洲里", "满洲里"},
		{"関東軍", "關東軍", "关东军"},
		{"黒河", "黑河"},
		{"長春", "长春"},
		{"大連", "大连"},
		{"旅順", "旅顺"},
		{"瀋陽", "沈阳"},
		{"特務機関", "特務機關"},
	}
	for _, g := range groups {
		key := translit.HanKey(g[0])
		for _, s := range g[1:] {
			if got := translit.HanKey(s); got != key {
				t.Errorf("HanKey(%s) = %s, HanKey(%s) = %s", s, got, g[0], key)
			}
		}
	}
}
