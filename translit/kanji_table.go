package translit

// kyujitaiPairs lists old (kyūjitai) and new (shinjitai) kanji forms as
// "旧新" pairs: the old forms given in parentheses in the Jōyō kanji table
// (常用漢字表, Agency for Cultural Affairs, 2010), i.e. the 1946/1949 Tōyō
// kanji simplifications, checked against the scrape of that table in
// github.com/dahlia/shinjitai-table (kyujitai.json); plus common variants in 1920s–1940s print (雞, 劒,
// 邉, 畵, 麪) and the old forms of frequent hyōgai characters (鷗, 蔣, 禱,
// 噓). The 2010 additions 剝 塡 頰 are jōyō in their old form; they are
// folded to the forms people type (剥 填 頬) so that both match. Unicode CJK compatibility ideographs (社, 祐, 都 …), which NFC folds to
// the unified characters, are in compatPairs. Characters that were not
// simplified, such as 爾, 哈 and 瀋, are absent: they fold to themselves.
const kyujitaiPairs = `
囑嘱 亞亜 惡悪 壓圧 圍囲 爲為 醫医 壹壱 稻稲 飮飲 隱隠 營営 榮栄 衞衛 驛駅 圓円 鹽塩
緣縁 艷艶 應応 歐欧 毆殴 櫻桜 奧奥 橫横 溫温 穩穏 假仮 價価 畫画 會会 壞壊 懷懐
繪絵 槪概 擴拡 殼殻 覺覚 學学 嶽岳 樂楽 渴渇 勸勧 卷巻 寬寛 歡歓 罐缶 觀観 關関
陷陥 巖巌 顏顔 歸帰 氣気 龜亀 僞偽 戲戯 犧犠 舊旧 據拠 擧挙 虛虚 峽峡 挾挟 敎教
强強 狹狭 鄕郷 曉暁 區区 驅駆 勳勲 薰薫 徑径 莖茎 惠恵 揭掲 溪渓 經経 螢蛍 輕軽
繼継 鷄鶏 雞鶏 藝芸 擊撃 缺欠 儉倹 劍剣 劒剣 圈圏 檢検 權権 獻献 縣県 險険 顯顕
驗験 嚴厳 效効 廣広 恆恒 鑛鉱 號号 國国 黑黒 碎砕 濟済 齋斎 劑剤 雜雑 參参 慘惨
棧桟 蠶蚕 贊賛 殘残 絲糸 齒歯 兒児 辭辞 濕湿 實実 寫写 釋釈 壽寿 收収 從従 澁渋
獸獣 縱縦 肅粛 處処 緖緒 敍叙 奬奨 獎奨 將将 燒焼 稱称 證証 乘乗 剩剰 壤壌 孃嬢
條条 淨浄 狀状 疊畳 讓譲 釀醸 觸触 寢寝 愼慎 眞真 盡尽 圖図 粹粋 醉酔 隨随 髓髄
數数 樞枢 瀨瀬 聲声 靜静 齊斉 攝摂 竊窃 專専 戰戦 淺浅 潛潜 纖繊 踐践 錢銭 禪禅
雙双 壯壮 搜捜 插挿 爭争 總総 聰聡 莊荘 裝装 騷騒 藏蔵 臟臓 屬属 續続 墮堕 體体
對対 帶帯 滯滞 臺台 瀧滝 擇択 澤沢 單単 擔担 膽胆 團団 彈弾 斷断 癡痴 遲遅 晝昼
蟲虫 鑄鋳 廳庁 徵徴 聽聴 敕勅 鎭鎮 遞逓 鐵鉄 轉転 點点 傳伝 黨党 盜盗 燈灯 當当
鬪闘 鬭闘 德徳 獨独 讀読 屆届 繩縄 貳弐 惱悩 腦脳 霸覇 廢廃 拜拝 賣売 麥麦 發発
髮髪 拔抜 晚晩 蠻蛮 祕秘 彥彦 姬姫 濱浜 甁瓶 拂払 佛仏 倂併 竝並 變変 邊辺 邉辺
辨弁 瓣弁 辯弁 舖舗 步歩 穗穂 寶宝 豐豊 襃褒 飜翻 每毎 萬万 滿満 默黙 彌弥 藥薬
譯訳 豫予 餘余 與与 譽誉 搖揺 樣様 謠謡 遙遥 來来 賴頼 亂乱 覽覧 龍竜 兩両 獵猟
綠緑 壘塁 淚涙 勵励 禮礼 隸隷 靈霊 齡齢 曆暦 歷歴 戀恋 爐炉 勞労 樓楼 郞郎 祿禄
錄録 灣湾 舍舎 淸清 靑青 卽即 旣既 黃黄 巢巣 涉渉 硏研 內内 吳呉 娛娯 戶戸 增増
亙亘 壻婿 產産 姊姉 麪麺 麵麺 埀垂 卻却 尙尚 悅悦 晉晋 曾曽 歲歳 沒没 稅税 脫脱
說説 頰頬 餠餅 鄰隣 屛屏 册冊 冰氷 凾函 巿市 顚顛 鹼鹸 絕絶 鍊錬 吞呑 噓嘘 軀躯
驒騨 鷗鴎 嚙噛 搔掻 瘦痩 潑溌 醬醤 禱祷 壺壷 屢屡 廐厩 蟬蝉 蠟蝋 繫繋 禰祢 瑤瑶
萊莱 蘆芦 頹頽 麴麹 蔣蒋 焰焔 瀆涜 攜携 兔兎 剝剥 塡填 姸妍 戾戻 豬猪 窗窓 竈竃
簞箪 羣群 豎竪 賤賎 醱醗 鰺鯵 摑掴 凜凛 拋抛 畵画 檜桧 蠣蛎 濤涛 儘侭 鶯鴬 攪撹
`

// compatPairs maps each CJK compatibility ideograph (U+F900..U+FAD9) to the
// unified ideograph of its canonical decomposition (UnicodeData.txt), which
// is what NFC does.
const compatPairs = `
豈豈 更更 車車 賈賈 滑滑 串串 句句 龜龜 龜龜 契契 金金 喇喇 奈奈 懶懶 癩癩 羅羅
蘿蘿 螺螺 裸裸 邏邏 樂樂 洛洛 烙烙 珞珞 落落 酪酪 駱駱 亂亂 卵卵 欄欄 爛爛 蘭蘭
鸞鸞 嵐嵐 濫濫 藍藍 襤襤 拉拉 臘臘 蠟蠟 廊廊 朗朗 浪浪 狼狼 郎郎 來來 冷冷 勞勞
擄擄 櫓櫓 爐爐 盧盧 老老 蘆蘆 虜虜 路路 露露 魯魯 鷺鷺 碌碌 祿祿 綠綠 菉菉 錄錄
鹿鹿 論論 壟壟 弄弄 籠籠 聾聾 牢牢 磊磊 賂賂 雷雷 壘壘 屢屢 樓樓 淚淚 漏漏 累累
縷縷 陋陋 勒勒 肋肋 凜凜 凌凌 稜稜 綾綾 菱菱 陵陵 讀讀 拏拏 樂樂 諾諾 丹丹 寧寧
怒怒 率率 異異 北北 磻磻 便便 復復 不不 泌泌 數數 索索 參參 塞塞 省省 葉葉 說說
殺殺 辰辰 沈沈 拾拾 若若 掠掠 略略 亮亮 兩兩 凉凉 梁梁 糧糧 良良 諒諒 量量 勵勵
呂呂 女女 廬廬 旅旅 濾濾 礪礪 閭閭 驪驪 麗麗 黎黎 力力 曆曆 歷歷 轢轢 年年 憐憐
戀戀 撚撚 漣漣 煉煉 璉璉 秊秊 練練 聯聯 輦輦 蓮蓮 連連 鍊鍊 列列 劣劣 咽咽 烈烈
裂裂 說說 廉廉 念念 捻捻 殮殮 簾簾 獵獵 令令 囹囹 寧寧 嶺嶺 怜怜 玲玲 瑩瑩 羚羚
聆聆 鈴鈴 零零 靈靈 領領 例例 禮禮 醴醴 隸隸 惡惡 了了 僚僚 寮寮 尿尿 料料 樂樂
燎燎 療療 蓼蓼 遼遼 龍龍 暈暈 阮阮 劉劉 杻杻 柳柳 流流 溜溜 琉琉 留留 硫硫 紐紐
類類 六六 戮戮 陸陸 倫倫 崙崙 淪淪 輪輪 律律 慄慄 栗栗 率率 隆隆 利利 吏吏 履履
易易 李李 梨梨 泥泥 理理 痢痢 罹罹 裏裏 裡裡 里里 離離 匿匿 溺溺 吝吝 燐燐 璘璘
藺藺 隣隣 鱗鱗 麟麟 林林 淋淋 臨臨 立立 笠笠 粒粒 狀狀 炙炙 識識 什什 茶茶 刺刺
切切 度度 拓拓 糖糖 宅宅 洞洞 暴暴 輻輻 行行 降降 見見 廓廓 兀兀 嗀嗀 塚塚 晴晴
凞凞 猪猪 益益 礼礼 神神 祥祥 福福 靖靖 精精 羽羽 蘒蘒 諸諸 逸逸 都都 飯飯 飼飼
館館 鶴鶴 郞郞 隷隷 侮侮 僧僧 免免 勉勉 勤勤 卑卑 喝喝 嘆嘆 器器 塀塀 墨墨 層層
屮屮 悔悔 慨慨 憎憎 懲懲 敏敏 既既 暑暑 梅梅 海海 渚渚 漢漢 煮煮 爫爫 琢琢 碑碑
社社 祉祉 祈祈 祐祐 祖祖 祝祝 禍禍 禎禎 穀穀 突突 節節 練練 縉縉 繁繁 署署 者者
臭臭 艹艹 艹艹 著著 褐褐 視視 謁謁 謹謹 賓賓 贈贈 辶辶 逸逸 難難 響響 頻頻 恵恵
𤋮𤋮 舘舘 並並 况况 全全 侀侀 充充 冀冀 勇勇 勺勺 喝喝 啕啕 喙喙 嗢嗢 塚塚 墳墳
奄奄 奔奔 婢婢 嬨嬨 廒廒 廙廙 彩彩 徭徭 惘惘 慎慎 愈愈 憎憎 慠慠 懲懲 戴戴 揄揄
搜搜 摒摒 敖敖 晴晴 朗朗 望望 杖杖 歹歹 殺殺 流流 滛滛 滋滋 漢漢 瀞瀞 煮煮 瞧瞧
爵爵 犯犯 猪猪 瑱瑱 甆甆 画画 瘝瘝 瘟瘟 益益 盛盛 直直 睊睊 着着 磌磌 窱窱 節節
类类 絛絛 練練 缾缾 者者 荒荒 華華 蝹蝹 襁襁 覆覆 視視 調調 諸諸 請請 謁謁 諾諾
諭諭 謹謹 變變 贈贈 輸輸 遲遲 醙醙 鉶鉶 陼陼 難難 靖靖 韛韛 響響 頋頋 頻頻 鬒鬒
龜龜 𢡊𢡊 𢡄𢡄 𣏕𣏕 㮝㮝 䀘䀘 䀹䀹 𥉉𥉉 𥳐𥳐 𧻓𧻓 齃齃 龎龎
`

// chinesePairs lists simplified and traditional Chinese characters as
// "简繁" pairs, enough for Manchurian, Mongolian and Soviet Far Eastern
// place names in Chinese (哈尔滨 哈爾濱, 齐齐哈尔 齊齊哈爾, 长春 長春,
// 满洲里 滿洲里, 大连 大連, 旅顺 旅順, 诺门罕 諾門罕, 张鼓峰 張鼓峰, 海参崴
// 海參崴, 库伦 庫倫 …) and the military and administrative words around
// them (关东军 關東軍, 特务机关 特務機關, 宪兵队 憲兵隊). Written by hand
// from the pairs of the Table of General Standard Chinese Characters (通用
// 规范汉字表, 2013; the 1964/1986 Complete List of Simplified Characters),
// and checked entry by entry against OpenCC's character dictionaries
// (TestChineseAgainstOpenCC).
// Simplified characters that stand for more than one traditional one, or
// that are also ordinary Japanese characters with another meaning, are left
// out (后 干 里 面 谷 松 系 只 云 斗 机 叶 筑 岳 范 据 准); 沈 becomes 瀋
// only in 沈阳 (see chinesePhrases).
const chinesePairs = `
尔爾 滨濱 齐齊 长長 满滿 连連 顺順 辽遼 宁寧 龙龍 热熱 锦錦 营營 抚撫 东東 图圖
们們 珲琿 绥綏 鸡雞 宝寶 远遠 玛瑪 瑷璦 辉輝 爱愛 孙孫 讷訥 兰蘭 兴興 乌烏 诺諾
库庫 伦倫 张張 归歸 头頭 锡錫 贝貝 参參 庙廟 双雙 页頁 岛島 苏蘇 凯凱 间間 彦彥
阳陽 开開 鲁魯 郑鄭 岭嶺 铁鐵 关關 务務 宪憲 师師 团團 联聯 队隊 协協 会會 罗羅
边邊 国國 额額 纳納 内內 萨薩 凤鳳 桦樺 汤湯 鹤鶴 岗崗 饶饒 临臨 辑輯 宽寬 庄莊
盖蓋 丰豐 县縣 义義 灵靈 经經 达達 温溫 陈陳 维維 亚亞 军軍 陆陸 战戰 争爭 驿驛
车車 桥橋 场場 区區 镇鎮 乡鄉 监監 狱獄 谍諜 报報 侦偵 课課 处處 总總 谋謀 将將
侨僑 党黨 员員 华華 鲜鮮 韩韓 汉漢 厅廳 纸紙 广廣 电電 讯訊 问問 题題 审審 决決
线線 鸥鷗 逊遜 荫蔭 萝蘿 风風 无無 个個 为為 与與 万萬 发發 时時 实實 对對 当當
动動 点點 种種 称稱 门門 闻聞 阅閱 阵陣 阶階 际際 随隨 险險 隐隱 难難 钢鋼 铜銅
银銀 钱錢 锅鍋 闸閘 阴陰 马馬 驻駐 骑騎 鱼魚 鸟鳥 黄黃 齿齒 龟龜 绿綠 买買 卖賣
赉賚 爷爺 宾賓 庆慶 骊驪 冈岡 农農 复復 寿壽 滦灤 围圍 沟溝 韦韋 犹猶 结結 贾賈
飞飛 备備 档檔 红紅 伪偽 虏虜 垒壘 余餘 楼樓 帅帥 纪紀 级級 约約 给給 统統 织織
组組 绍紹 终終 细細 续續 缘緣 编編 练練 网網 职職 聪聰 肃肅 胁脅 脑腦 节節 芦蘆
苍蒼 荣榮 药藥 获獲 虑慮 补補 装裝 见見 观觀 规規 视視 览覽 觉覺 誉譽 计計 认認
讨討 训訓 议議 记記 讲講 许許 论論 设設 证證 评評 识識 诉訴 词詞 译譯 试試 诗詩
诚誠 话話 说說 请請 读讀 谁誰 调調 谈談 谊誼 谢謝 贡貢 财財 责責 贤賢 败敗 货貨
质質 购購 贵貴 费費 贴貼 资資 赏賞 赵趙 轨軌 轮輪 软軟 载載 辆輛 辖轄 辞辭 过過
运運 还還 这這 进進 违違 迟遲 适適 选選 递遞 遗遺 邮郵 邻鄰 酱醬 释釋 钟鐘 钦欽
铃鈴 铺鋪 链鏈 销銷 锁鎖 错錯 键鍵 镜鏡 闭閉 闯闖 闲閒 闹鬧 阁閣 陕陝 隶隸 雏雛
须須 顾顧 顿頓 颁頒 领領 频頻 颜顏 飘飄 饭飯 饮飲 馆館 驱驅 驶駛 驾駕 验驗 鲍鮑
鸭鴨 鹰鷹 麦麥 应應 废廢 庐廬 录錄 忆憶 怀懷 态態 恋戀 恶惡 惊驚 惨慘 愿願 户戶
扑撲 执執 扩擴 扫掃 扬揚 护護 担擔 拟擬 拥擁 择擇 挂掛 挥揮 损損 换換 掳擄 摄攝
敌敵 数數 断斷 旧舊 显顯 晋晉 晓曉 术術 杀殺 杂雜 权權 条條 来來 极極 构構 枪槍
标標 树樹 样樣 检檢 欢歡 欧歐 毕畢 气氣 汇匯 沪滬 沦淪 泪淚 泽澤 洁潔 浅淺 测測
济濟 浓濃 涛濤 润潤 涨漲 渊淵 湾灣 湿濕 滚滾 灭滅 灯燈 灾災 烟煙 烧燒 牵牽 狮獅
独獨 狭狹 猎獵 环環 现現 琼瓊 画畫 畅暢 疗療 盐鹽 盘盤 矿礦 码碼 础礎 确確 碍礙
礼禮 祸禍 离離 积積 稳穩 穷窮 窃竊 竞競 笔筆 笋筍 签簽 简簡 粮糧 紧緊 纤纖 纲綱
纵縱 纷紛 台臺 继繼 蛮蠻
`

// chineseT2SOnly are traditional → simplified pairs whose simplified
// character is ambiguous or an ordinary Japanese character, so they are
// used only in that direction (機關 → 机关, but 机 is not turned into 機).
const chineseT2SOnly = `
機机 築筑 後后 幹干 乾干 裏里 裡里 麵面 穀谷 鬆松 係系 繫系 隻只 雲云 鬥斗
葉叶 嶽岳 範范 據据 準准
`
