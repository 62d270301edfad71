"""A document's genre from its text, when its metadata does not say.

Who speaks in a document, and whether a formula in it is adopted or only mentioned,
depends on its genre: a speech or a statement is its author's own voice; a news story
or an analysis is an author writing about what others say. :func:`infer_genre` reads
the marks each genre leaves, in English and Chinese, and weighs them:

- ``news``: a dateline ("BEIJING, Sept 4 (Reuters) -", 新华社北京9月5日电), an agency
  or reporter's credit, "told reporters", many reported-speech verbs;
- ``analysis`` (commentaries, think-tank papers, columns): citations such as
  "(Xinhua, January 10)", footnotes, "this paper argues", an author's bio ("is a
  senior fellow at"), China named from outside (Beijing, the CCP, Mr Xi, 北京, 中共,
  笔者, 所谓);
- ``op_ed``: an official's signed article in the first person ("By …, Foreign
  Minister of Pakistan", "The writer is Kenya's …", 作者系…大使, "my country");
- ``statement``: a ministry's statement, press release or spokesperson's remarks
  (PRESS RELEASE, "The Government of X condemns", Q:/A:, 外交部发言人答记者问);
- ``readout``: a government's account of a meeting or call (held talks with, met
  with, had a phone call, 会谈, 会见, 通电话, then what each side said);
- ``speech``: salutations and the marks of delivery (Mr. President, Excellencies,
  "I thank you", 尊敬的, 女士们、先生们, 各位代表, 谢谢大家);
- ``joint_statement``: a joint statement's title, or sentences whose subjects are
  the sides (The two sides, The Zambian side, 双方, 中方, 赞方).

A genre wins with at least :data:`THRESHOLD` points and more than any other; else the
genre stays unknown. The evidence is kept, so that a user can see why. The author of
an official's op-ed, speech or statement is read from its author line where it names
a country ("Foreign Minister of Pakistan" → PAK), and a joint statement's parties
from its title. Metadata always wins: this is used only where it is silent.

Accuracy on the labelled documents in ``tests/fixtures/genres.yaml`` is printed by
``tests/test_genre.py`` (see the README).
"""

from __future__ import annotations

__all__ = ["GENRES", "GENRE_COLUMNS", "THRESHOLD", "GenreGuess", "genre_metadata", "infer_genre"]

from collections import defaultdict
from dataclasses import dataclass, field

import regex

from .. import countries
from ..text.chars import LazyPattern, either_script, han_script_count

GENRES = ("news", "analysis", "op_ed", "statement", "readout", "speech", "joint_statement")
# the documents table's record of where genre and actor came from
GENRE_COLUMNS = ("genre_source", "genre_evidence", "actor_source")
THRESHOLD = 3.0
_READ = 40_000  # characters read for the counts; the marks of a genre are near the start and end


@dataclass(frozen=True)
class GenreGuess:
    """What the text says of its genre: ``genre`` (None when unsure), the ``evidence``
    that decided, the points of every genre, and, where the text names them, the
    ``actor`` speaking (an official's country) and the ``parties`` (a joint statement)."""

    genre: str | None
    evidence: tuple[str, ...] = ()
    scores: dict = field(default_factory=dict)
    actor: str | None = None
    parties: str | None = None


_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_AGENCIES = r"Reuters|AP|AFP|Xinhua|Bloomberg|dpa|DPA|Kyodo|Yonhap|ANI|PTI|IANS|Anadolu|TASS|Sputnik|Bernama|Antara|KUNA|RFE/RL|VOA|CNA|EFE|ANSA|PAP|Prensa Latina|IRNA|WAM|SPA|APA|Trend|Kazinform|UzA|AKIpress|Xinhua News Agency"

_OFFICIAL_FIRST_PERSON = regex.compile(
    r"\b(?:[Mm]y (?:country|government|nation|administration|delegation)|[Oo]ur (?:government|administration)|"
    r"as (?:an? |the )?(?:ambassador|minister|foreign minister))\b")
# (genre, points, description, pattern, how many hits count: "any" or a density per 1,000 words)
_EN = [
    ("news", 4, "dateline", regex.compile(
        r"(?m)^\s*(?:[A-Z][A-Z.'’\- ]{2,30}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),?(?:\s+[A-Z][a-z]+)?"
        rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)?\s*(?:\((?:{_AGENCIES})\))\s*[-—–:]"
        r"|(?m)^\s*[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]{2,}){0,2},?(?:\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,20}\))?\s*[—–-]{1,2}\s+\S")),
    ("news", 3, "reporting credit", regex.compile(
        r"\b(?:Reporting by|Writing by|Editing by|Additional reporting|contributed reporting|contributed to this report)\b"
        rf"|\((?:{_AGENCIES})\)")),
    ("news", 1.5, "told reporters / said in a statement", regex.compile(
        r"\b(?:told (?:reporters|journalists|a (?:news|press) conference|Reuters|AFP|the Associated Press|RFE/RL)|"
        r"said in a statement|did not (?:immediately )?respond to a request for comment|declined to comment|"
        r"speaking on condition of anonymity|according to (?:a |the )?(?:statement|readout|report|sources|officials))\b", regex.I)),
    ("news", 1, "a weekday", regex.compile(r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'s\b")),
    ("analysis", 3, "citations like (Xinhua, January 10)", regex.compile(
        r"\((?:[A-Z][\w&.'’/ -]{1,40}|\p{Han}{2,12}),\s*(?:"
        rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|(?:19|20)\d{{2}})"
        r"(?:;[^)]{1,60})?\)")),
    ("analysis", 2, "footnotes", regex.compile(r"(?m)\[\d{1,3}\]|^\s*(?:Notes|Endnotes|References|Bibliography|Sources)\s*$")),
    ("analysis", 2.5, "this paper/article argues", regex.compile(
        r"\b(?:this|the present) (?:article|paper|report|brief|essay|analysis|piece|commentary|study|chapter|working paper)\b"
        r"|\b(?:I|we) (?:argue|contend|suggest|find)\b|\bexecutive summary\b", regex.I)),
    ("analysis", 2.5, "author's bio", regex.compile(
        r"(?m)^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:is|was) (?:a |an |the )?(?:[\w-]+ ){0,4}"
        r"(?:fellow|researcher|analyst|professor|lecturer|associate|director of|editor|scholar|columnist|writer|expert|student)\b")),
    ("analysis", 1.5, "China named from outside (Beijing, the CCP, Mr Xi …)", regex.compile(
        r"\b(?:Beijing(?:'s|’s)?|the CCP|CCP(?:'s|’s)|Chinese Communist Party|party-state|Party-state|Mr\.? Xi|Xi(?:'s|’s)|"
        r"Chinese leader|the PRC(?:'s|’s)?|PRC(?:'s|’s))(?!\s+(?:Declaration|Summit|Consensus|Platform|Action Plan))")),
    ("analysis", 1, "analysts, critics, observers", regex.compile(
        r"\b(?:analysts?|critics|observers|scholars|researchers|experts|commentators|think tanks?)\b", regex.I)),
    ("op_ed", 2, "first person of an official (my country, our government)", _OFFICIAL_FIRST_PERSON),
    ("speech", 1, "first person of an official (my country, our government)", _OFFICIAL_FIRST_PERSON),
    ("op_ed", 1, "first person singular (I believe, I am)", regex.compile(r"\bI (?:am|have|believe|would|will|want|know|think)\b")),
    ("statement", 4, "press release / spokesperson's statement", regex.compile(
        r"(?m)^\s*(?:PRESS RELEASE|Press Release|PRESS STATEMENT|Press Statement|STATEMENT|Statement (?:by|of|on)\b)"
        r"|\b(?:Spokesperson(?:'s|’s)? (?:Remarks|Statement|Regular Press Conference)|Regular Press Conference|"
        r"Issued by the (?:Ministry|Department|Office)|[Ss]tatement by the (?:Spokesperson|Ministry|Government|Office|Department))\b")),
    ("statement", 3, "questions and answers", regex.compile(r"(?m)^\s*(?:(?:Q|Question)\s*[:：]|Q\s{2,}\S|MODERATOR\s*:)")),
    ("statement", 1.5, "a closing place and date (Managua, 12 March)", regex.compile(
        rf"(?m)^\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?\.?\s*$")),
    ("statement", 3, "the government speaking of itself", regex.compile(
        r"\b(?:The|the) (?:Royal |Federal )?Government of (?:the )?[A-Z][\w ]{2,40}? (?:strongly |firmly |once again |further )?"
        r"(?:condemns|welcomes|rejects|reiterates|expresses|reaffirms|calls|notes|deplores|categorically|takes note)"
        r"|\b(?:The|the) (?:EU|European Union|Ministry|Government|Department) (?:is concerned|recalls|remains committed|deplores|urges)\b")),
    ("readout", 4, "a meeting or call and what each side said", None),  # computed below
    ("speech", 3, "salutations", regex.compile(
        r"\b(?:Mr\.? President|Madam President|Mr\.? Chairman|Madam Chair(?:person)?|Mr\.? Secretary-General|"
        r"Excellenc(?:y|ies)|Your (?:Majesty|Highness|Excellency)|[Ll]adies and gentlemen|[Dd]istinguished (?:delegates|guests|colleagues)|"
        r"[Dd]ear (?:friends|colleagues)|^\s*Colleagues,)", regex.M)),
    ("speech", 2, "delivery (I have the honour, I thank you)", regex.compile(
        r"\b(?:I have the honou?r|[Aa]llow me|from this rostrum|at this rostrum|this (?:august )?Assembly|[Ii] thank you|"
        r"this (?:session|Summit|Conference|forum|Hall|body|Organization|Organisation|podium)\b|[Mm]ember States|"
        r"congratulat\w* (?:you|him|her)\b|your (?:election|presidency)\b|"
        r"[Tt]hank you(?: very much)?(?:,? (?:Mr\.? President|Madam President|all|everyone))?\s*[.!]\s*$|"
        r"[Ll]et me (?:conclude|begin|start) by|[Mm]y delegation)", regex.M)),
    ("joint_statement", 5, "a joint statement's title", regex.compile(
        # a title: one of the first lines, not a sentence (no full stop before a space)
        r"(?i)\A\s*(?:[^\n]*\n\s*){0,2}(?!(?:Remarks|Readout|Background|Fact Sheet|Press Briefing|Statement by)\b)"
        r"(?:[^\n.]|\.(?=\S)|(?<=\b[A-Z][a-z]?)\. ){0,200}?\b(?:joint (?:statement|communiqu[eé]|declaration|press (?:statement|release|communiqu[eé]))s?|"
        r"action plan)\b(?:[^\n.]|\.(?=\S)|(?<=\b[A-Z][a-z]?)\. ){0,200}$", regex.M)),
    ("joint_statement", 1.5, "the sides as subjects", regex.compile(
        r"(?m)(?:^|[.;]\s+|\d\.\s+)(?:The|Both) (?:two )?(?:sides?|leaders|Governments|heads of state)\b"
        r"|(?m)(?:^|[.;]\s+|\d\.\s+)The (?:[A-Z][a-z]+ )?[A-Z][a-z]+ side\b")),
]
_ZH = [
    ("news", 4, "电头", regex.compile(
        r"(?:新华社|中新社|中新网|人民网|央视新闻|央广网|本报|路透社|法新社|美联社|共同社|塔斯社)[^\n。]{0,12}?\d{1,2}月\d{1,2}日(?:电|讯)"
        r"|本报讯|[（(]记者[^）)\n]{1,20}[）)]|^\s*(?:据|另据)[^，。\n]{1,20}报道")),
    ("news", 2, "据…报道 / 记者", regex.compile(r"据[^，。\n]{1,20}报道|接受[^，。\n]{0,10}采访时|记者会上|在例行记者会上")),
    ("analysis", 2.5, "笔者、本文", regex.compile(r"笔者|本文|本报告|分析人士|评论：|评论:|观察人士|学者(?:认为|指出|普遍认为)|研究者")),
    ("analysis", 1.5, "中国从外部称呼（北京、中共、所谓）", LazyPattern(lambda: regex.compile(
        either_script(r"北京(?:当局|方面|政府)?(?=[\p{Han}“「])(?!时间|市|冬奥|人民大会堂|举行|召开)|中共(?!中央政治局委员|中央委员会总书记)|所谓|威权|宣传")))),
    ("op_ed", 4, "作者系…", regex.compile(r"(?m)(?:^|[（(])\s*作者(?:系|为|是|：|:)[^）)\n]{2,40}[）)]?")),
    ("op_ed", 2, "我国、我们（署名文章）", regex.compile(r"我国|我们|我亲眼|我坚信|我相信|作为大使")),
    ("statement", 4, "声明、答记者问、新闻稿", regex.compile(
        r"\A\s*(?:[^\n]*\n\s*)?(?:新闻稿|[^\n，。]{0,20}(?:声明|公告)\s*$)|外交部发言人(?:[^\n]{0,10})?答记者问|答记者问|例行记者会|特此声明|郑重声明",
        regex.M)),
    ("statement", 3, "问、答", regex.compile(r"(?m)^\s*问\s*[:：]")),
    ("readout", 4, "会见、会谈、通电话", None),  # computed below
    ("speech", 3, "称呼（尊敬的、女士们、先生们、各位代表）", regex.compile(
        r"尊敬的|女士们[，、,]\s*先生们|各位(?:代表|来宾|嘉宾|同事)|同志们|朋友们[：:！!]|主席先生|主席女士|秘书长先生")),
    ("speech", 2, "谢谢", regex.compile(r"谢谢(?:大家|各位|主席先生|主席女士)?[！!。]\s*$|预祝[^。\n]{0,20}(?:成功|圆满)", regex.M)),
    ("joint_statement", 5, "联合声明的标题", regex.compile(r"\A\s*(?:[^\n]*\n\s*){0,1}[^\n]{0,120}(?:联合(?:声明|公报|宣言|新闻公报)|行动计划)\s*$", regex.M)),
    ("joint_statement", 1.5, "双方、X方作主语", regex.compile(
        r"(?m)(?:^|[。；]|[一二三四五六七八九十]+、)\s*(?:双方|两国(?:元首|领导人)?|中方|\p{Han}{1,3}方)(?=\p{Han})(?!面)")),
]

# readouts: a meeting or a call opens the text, then each side's words
_MEETING = {
    "en": regex.compile(
        r"\b(?:held (?:bilateral |official )?talks with|(?:met|meets) (?:with )?(?:[A-Z]|visiting|the)|"
        r"(?:had|held) a (?:tele)?phone (?:call|conversation) with|spoke (?:by phone|on the phone) with|"
        r"Has a (?:Phone|Telephone) Call|Holds Talks|Meets)"),
    "zh": regex.compile(r"会谈|会见|通电话|通话|集体会见|举行会谈"),
}
_SIDE_SAID = {
    "en": regex.compile(
        r"\b(?:said|noted|stressed|pointed out|emphasi[sz]ed|expressed|welcomed|raised|briefed|agreed|discussed|reaffirmed|"
        r"underlined|highlighted|called for|exchanged views)\b"),
    "zh": regex.compile(r"表示|指出|强调|通报|介绍|认为|赞赏|同意|交换意见"),
}
_REPORTED = {
    "en": regex.compile(r"\b(?:said|says|told|according to|added|quoted)\b"),
    "zh": regex.compile(r"表示|说|称|指出|强调|透露|援引"),
}
_OFFICE_EN = (r"(?:(?:Deputy|Vice|Former|Acting|First|Prime|Foreign|Federal|State|Cabinet|Chief)\s+)*"
              r"(?:Prime Minister|President|Minister|Ambassador|High Commissioner|Secretary(?: of State| for [\w ]{3,40})?|"
              r"Foreign Secretary|Chancellor|Premier|Consul General|Permanent Representative|Envoy|Cabinet Secretary)")
_AUTHOR_LINE_EN = regex.compile(
    rf"(?m)^\s*(?:By\s+[^\n,]{{3,60}},\s*(?:the\s+)?{_OFFICE_EN}[^\n]{{0,120}}$"
    rf"|(?:The|the) (?:writer|author) is [^\n]{{0,40}}?{_OFFICE_EN}[^\n]{{0,140}}$"
    rf"|(?:H\.E\.\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,3}}\s*\n\s*{_OFFICE_EN}[^\n]{{0,120}}$"
    rf"|{_OFFICE_EN} of (?:the )?[A-Z][^\n]{{2,120}}$)")
_AUTHOR_LINE_ZH = regex.compile(r"(?m)(?:^|[（(])\s*作者(?:系|为|是|：|:)[^）)\n]{2,40}|^[^\n]{2,20}(?:驻华大使|大使|外长|外交部长|部长|总统|总理)\s+\S{1,6}\s*$")
_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
_TO = regex.compile(r"\b(?:to|in|at|with|visiting|toward|towards)\s+(?:the\s+)?$", regex.I)


def _country_of(line: str, language: str) -> str | None:
    """The country an author line speaks for: its first country not named as a
    destination ("Ambassador of Serbia to China" → SRB)."""
    for start, _, code in countries.find_countries(line, language):
        if language == "zh":
            if line[max(0, start - 1):start] == "驻":
                continue
            return code
        if not _TO.search(line[:start]):
            return code
    return None


def _count(pattern, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def infer_genre(text: str, language: str | None = None) -> GenreGuess:
    """The genre the text's own marks point to, with the evidence.

    >>> g = infer_genre("NAIROBI, Sept 4 (Reuters) - Kenya said on Monday it would join the scheme, officials told reporters.")
    >>> g.genre, g.evidence[0]
    ('news', 'dateline')
    >>> infer_genre("尊敬的各位来宾，女士们、先生们：\\n很高兴出席论坛。\\n谢谢大家！", "zh").genre
    'speech'
    """
    language = "zh" if language == "zh" else "en"
    if len(text) > _READ:
        # only the start and the end are read: a long text's middle is left out before
        # anything is done to it (a 4 MB report spent 0.2 s on the spaces below)
        text = text[:_READ // 2] + "\n" + text[-_READ // 2:]
    text = _SPACES.sub(" ", text)  # no-break spaces ("Joint\xa0Statement") read as spaces
    body = text
    head = text[:1500]
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)
    words = max(1, len(regex.findall(r"\w+", body)) if language == "en" else han_script_count(body) // 2)

    def add(genre: str, points: float, why: str) -> None:
        scores[genre] += points
        evidence[genre].append(why)

    for genre, points, why, pattern in (_ZH if language == "zh" else _EN):
        if pattern is None:
            continue
        where = head if genre in ("news",) and why in ("dateline", "电头") else body
        hits = _count(pattern, where)
        if not hits:
            continue
        if why.startswith(("China named", "中国从外部", "analysts", "first person", "我国", "the sides", "双方")):
            # marks of a style, not of a form: they count by how dense they are
            per_k = hits * 1000 / words
            weight = min(2.0, per_k / (4.0 if why.startswith(("China", "中国")) else 3.0)) * min(1.0, hits / 3)
            if weight >= 0.25:
                add(genre, points * weight, f"{why} ({hits}×)")
        elif why.startswith(("citations", "footnotes")) and hits < 2:
            add(genre, points / 2, why)
        elif why.startswith(("delivery", "salutations", "称呼", "谢谢")) and hits >= 2:
            add(genre, points * 1.5, f"{why} ({hits}×)")  # a speech says them again and again
        else:
            add(genre, points, why if hits == 1 else f"{why} ({hits}×)")

    # readouts: a meeting or call in the first sentences, then what each side said,
    # without the marks of a journalist
    meeting = _MEETING[language].search(text[:400])
    said = _count(_SIDE_SAID[language], body)
    if meeting and said >= 2:
        add("readout", 4, f"{meeting.group(0).strip()}, then what each side said ({said}×)")
    # news: reported speech throughout (an analysis quotes less, a readout has no
    # journalist's marks)
    reported = _count(_REPORTED[language], body) * 1000 / words
    if reported >= 8:
        add("news", min(2.5, reported / 8), f"reported speech ({reported:.0f} per 1,000 words)")
    if meeting and said >= 2 and scores.get("news", 0) < 4:
        scores["news"] *= 0.5  # a government's account quotes its leaders too

    actor = None
    author_line = (_AUTHOR_LINE_ZH if language == "zh" else _AUTHOR_LINE_EN).search(text[:600] + "\n" + text[-600:])
    if author_line:
        actor = _country_of(author_line.group(0), language)
        if actor:
            add("op_ed", 4, f"author line: {author_line.group(0).strip()[:80]} → {actor}")
    if not author_line and "op_ed" in scores:
        # an official's first person without a signature is as much a speech's or a
        # statement's: not enough to make an op-ed
        scores["op_ed"] = min(scores["op_ed"], THRESHOLD - 0.5)
    if scores.get("speech", 0) >= 3 and "op_ed" in scores:
        scores["op_ed"] -= 2  # an official's first person in a speech is the speech's
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], GENRES.index(kv[0])))
    if not ranked or ranked[0][1] < THRESHOLD or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return GenreGuess(None, tuple(f"{g}: {'; '.join(evidence[g])}" for g, _ in ranked[:2]), dict(scores))
    genre = ranked[0][0]
    parties = _parties(text, language) if genre == "joint_statement" else None
    if genre not in ("op_ed", "speech", "statement"):
        actor = None
    return GenreGuess(genre, tuple(evidence[genre]), dict(scores), actor=actor, parties=parties)


def _parties(text: str, language: str) -> str | None:
    """A joint statement's parties from its first lines: China and the one other
    country named there (None when not exactly that)."""
    codes = list(dict.fromkeys(code for *_, code in countries.find_countries(text[:400], language)))
    if "CHN" in codes and len(codes) == 2:
        return ";".join(sorted(codes))
    return None


def genre_metadata(meta: dict, text: str, language: str | None) -> dict:
    """What to add to a document's metadata: its genre (and the author or parties the
    text names) when the metadata is silent, and where each came from. Metadata always
    wins: a stated genre, actor or parties is never replaced.

    Returns ``genre_source`` ("metadata" or "text"; absent when unknown),
    ``genre_evidence`` (the marks that decided, or the leading candidates when none
    did), ``actor_source``, and ``genre`` / ``actor`` / ``parties`` when inferred.
    """
    out: dict = {}
    if meta.get("actor") not in (None, ""):
        out["actor_source"] = "metadata"
    if meta.get("genre") not in (None, ""):
        out["genre_source"] = "metadata"
        return out
    guess = infer_genre(text, language)
    if guess.evidence:
        out["genre_evidence"] = "; ".join(guess.evidence) if guess.genre else "undecided: " + " | ".join(guess.evidence)
    if guess.genre is None:
        return out
    out.update(genre=guess.genre, genre_source="text")
    if guess.actor and meta.get("actor") in (None, ""):
        out.update(actor=guess.actor, actor_source="text")
    if guess.parties and meta.get("parties") in (None, ""):
        out["parties"] = guess.parties
        if meta.get("actor") in (None, ""):
            out.update(actor=guess.parties, actor_source="text")
    return out
