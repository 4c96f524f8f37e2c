package tokumu

// CSLTypes are the item types of CSL 1.0.2, the only values a source's
// Type may take: the CSL-JSON export and the citation processors that read
// it (pandoc's citeproc) refuse any other, so tokumu check refuses it too.
var CSLTypes = []string{"article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
	"broadcast", "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
	"entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
	"manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
	"performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
	"review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"}
