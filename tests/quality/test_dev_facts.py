"""The facts a reader takes from the real news pages of the development set, as the graph should hold them.

Each page of ``../shared/bench/news/pages/`` listed below was read by a person, who wrote down the
five facts a reader takes from it: who did what to whom, and where and when where the page says so.
The test builds the pages once, then looks for each fact with SPARQL, with the tolerance a reader
would allow: the subject's and object's labels (or aliases, or a clause's text) contain a name, the
predicate is one of a few lemmas that say the same (a concept's label is its head's lemma, "country":
the statement's phrase for it, "some countries and territories", counts as its text), a place's label contains the name, a time's ISO
value starts with the day or month the page means (resolved against its publication date).

Not every fact is found today. None is skipped: the test asserts that at least as many pass as
passed when this list was written (``MINIMUM``), and its failure message lists every fact with
whether it was found, so a change that loses facts shows which. Raise ``MINIMUM`` when more pass.

Skipped as a whole when the pages (``../shared/bench/news/pages/`` beside the clone) are absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import kg

PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "news" / "pages"
REL = "https://w3id.org/kg/relation/"

#: Facts found when this list was written (see the module docstring).
MINIMUM = 69

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason=f"no news pages at {PAGES}")


@dataclass(frozen=True)
class Fact:
    """A fact as a reader states it; ``None`` leaves a part open."""

    page: str  # the page's document id starts with this
    subject: str | None  # a name (or words) the subject's label or text contains
    predicates: tuple[str, ...]  # relation keys that say the same (rel:<key>)
    object: str | None = None  # a name (or words) the object's label or text contains
    where: str | None = None  # a place's label contains it
    when: str | None = None  # the kg:time ISO value starts with it
    negated: bool = False
    said: str = ""  # the sentence, shortened, for the failure message

    def __str__(self) -> str:
        parts = [f"[{self.subject}]", "|".join(self.predicates), f"[{self.object}]"]
        if self.where:
            parts.append(f"@{self.where}")
        if self.when:
            parts.append(f"T={self.when}")
        if self.negated:
            parts.append("NOT")
        return f"{self.page}: {' '.join(parts)}  ({self.said})"


F = Fact
FACTS = [
    # breakingbelizenews.com-paho (2022-04-21): PAHO's director warns of further COVID-19 waves
    F("breakingbelizenews", "Etienne", ("warn", "say"), "risk", said="The Americas cannot ignore the risk ..., warns ... Director Carissa F. Etienne"),
    F("breakingbelizenews", "Etienne", ("urge",), "countries", said="she urged countries to remain vigilant"),
    F("breakingbelizenews", "Cases", ("surge",), None, where="Europe", said="Cases of COVID-19 are surging in Europe and East Asia"),
    F("breakingbelizenews", None, ("detect",), "Omicron", said="Omicron BA.2 has already been detected in 8.7 percent of sequences"),
    F("breakingbelizenews", "countries", ("scale_back",), "public health measures", said="some countries and territories have scaled back public health measures"),
    # dominicantoday.com-air (2022-04-21): Iberojet's alliance with Air Europa
    F("dominicantoday", "Iberojet", ("sign",), "agreement", said="Iberojet has signed an interline agreement with Air Europa"),
    F("dominicantoday", "alliance", ("start",), None, when="2022-05-02", said="the alliance, which will start on May 2"),
    F("dominicantoday", "Iberojet", ("move",), "operations", said="Iberojet moves its operations from T4 to Terminal 1"),
    F("dominicantoday", "Iberojet", ("modify",), "schedule", said="Iberojet has modified the schedule of some routes"),
    F("dominicantoday", "Verhagen", ("highlight", "say"), None, said="Paul Verhagen ... highlights that ..."),
    # haitiantimes.com-family (2022-04-26): a tennis player's family raises funds
    F("haitiantimes", "family", ("launch",), "crowdfunding effort", said="The family ... has launched a crowdfunding effort"),
    F("haitiantimes", None, ("diagnose", "diagnose_with"), "Mekhi", said="Mekhi Gbedey, 20, was diagnosed with muscular dystrophy"),
    F("haitiantimes", "Khaleel", ("start",), "Go Fund Me", when="2022-04", said="Khaleel, 22, started the Go Fund Me page earlier this month"),
    F("haitiantimes", "Camille Etienne Gbedey", ("say",), None, said='"Mekhi is functioning ...," said Camille Etienne Gbedey'),
    F("haitiantimes", "family", ("hope",), "fundraiser", said="The family hopes the fundraiser will ... raise money"),
    # jamaica.gleaner.com-victims (2022-04-26): two killed in a Clarendon crash
    F("jamaica.gleaner", "police", ("release",), "identities", said="The police have now released the identities of the two people"),
    F("jamaica.gleaner", None, ("kill",), "two people", where="Clarendon", said="the two people killed in a crash in Osborne Store, Clarendon"),
    F("jamaica.gleaner", None, ("injure",), "husband", said="Grant's husband ... was badly injured in the crash"),
    F("jamaica.gleaner", None, ("hospitalise", "hospitalize"), "husband", said="and has been hospitalised in a serious condition"),
    F("jamaica.gleaner", None, ("pronounce",), "Grant", said="where Grant and Ambersley were pronounced dead"),
    # kaieteurnewsonline.com-essequibo (2022-05-06): a hunter found dead
    F("kaieteur", "investigators", ("try_to_unravel", "unravel"), "mystery", said="Police investigators ... are ... trying to unravel the mystery"),
    F("kaieteur", None, ("find",), "remains", where="Bethany", when="2022-05-03", said="a hunter whose remains were on Tuesday found ... in the jungle of Bethany"),
    F("kaieteur", "loggers", ("claim",), None, said="Two loggers have since claimed that they had heard ..."),
    F("kaieteur", "men", ("be_in",), "police custody", said="The two men are presently in police custody"),
    F("kaieteur", "doctors", ("discover",), "gunshot wound", said="doctors there discovered a second gunshot wound"),
    # nationnews.com-schools (2022-04-22): schools safe amid a COVID-19 surge
    F("nationnews", "Ministry of Education", ("say",), None, when="2022-04-21", said="the Ministry of Education said yesterday it was satisfied"),
    F("nationnews", "Barbados", ("continue_to_deal_with", "continue_to_deal", "deal_with"), "surge", said="Barbados continues to deal with a surge in COVID-19 cases"),
    F("nationnews", "ministry", ("utilise", "utilize"), "vaccination bus", said="the ministry will be utilising a special vaccination bus"),
    F("nationnews", "Archer-Bradshaw", ("say",), "consent forms", said="Archer-Bradshaw said special vaccination consent forms had been sent out"),
    F("nationnews", None, ("send_out", "send"), "consent forms", said="consent forms had been sent out electronically to parents"),
    # nationwideradiojm.com-caricom (2022-04-26): manufacturers and exports to CARICOM
    F("nationwideradiojm", "Mahfood", ("say",), "exports", said="John Mahfood says Jamaica manufacturers should focus on increasing exports"),
    F("nationwideradiojm", "Jamaica", ("import",), "produce", said="Jamaica is importing more produce from CARICOM"),
    F("nationwideradiojm", "Jamaica", ("earn",), "1.4 billion", when="2021", said="Jamaica earned just over US $1.4 billion from exports last year"),
    F("nationwideradiojm", "Mahfood", ("be_president_of", "president_of", "be"), "Jamaica Manufacturers", said="President of the Jamaica Manufacturers & Exporters, JMEA, John Mahfood"),
    F("nationwideradiojm", "Rita Hilton", ("say",), "exports", said="Rita Hilton says the biggest exports for last year were yam and ..."),
    # nowgrenada.com-pm (2022-04-21): Grenada's PM at a financial access roundtable
    F("nowgrenada", "Mitchell", ("voice",), "support", said="Keith Mitchell has voiced his support for an annual US-Caribbean Banking Forum"),
    F("nowgrenada", "Waters", ("propose",), "forum", said="The annual forum, proposed by US Congresswoman Maxine Waters"),
    F("nowgrenada", None, ("hold",), "Roundtable", where="Barbados", said="Roundtable, held at the Lloyd Erskine Sandiford Centre in Barbados"),
    F("nowgrenada", "Waters", ("head",), "delegation", said="Representative Waters who ... headed the 6-member Congressional delegation"),
    F("nowgrenada", "Mitchell", ("suggest",), "initiative", said="Dr Mitchell suggested an even broader annual initiative"),
    # pagesix.com.myers (2020-02-24): Dee Dee Myers leaves Warner Bros.
    F("pagesix", "Myers", ("exit",), "role", said="Dee Dee Myers ... is exiting her role as communications head at studio Warner Bros."),
    F("pagesix", "Myers", ("tell",), "take some time", said="Myers ... told Variety: “I’m going to take some time ...”"),
    F("pagesix", "Myers", ("work_at", "work"), "Glover Park Group", said="She also previously worked at power strategy firm Glover Park Group"),
    F("pagesix", "Myers", ("be",), "press secretary", said="Dee Dee Myers — a White House press secretary for Bill Clinton"),
    F("pagesix", "Warners", ("name",), "replacement", negated=True, said="Warners has not named a replacement"),
    # reporternewspapers.net-Brookhaven (2023-11-08): a road closed by a gas leak
    F("reporternewspapers", None, ("close",), "Dresden Drive", said="Dresden Drive is closed between Ellijay Drive and Apple Valley Road"),
    F("reporternewspapers", "Brookhaven Police Department", ("report",), None, when="2023-11-08T13:30", said="Brookhaven Police Department reported at 1:30 p.m. on Nov. 8"),
    F("reporternewspapers", "construction", ("cause",), "gas leak", said="The gas leak may have been caused by nearby construction"),
    F("reporternewspapers", "Brookhaven", ("build",), "city hall", said="The city of Brookhaven is building its new city hall"),
    # The passive subject does what the controlled verb says: residents (are urged to) avoid the area.
    F("reporternewspapers", "residents", ("be_urged_to_avoid",), "area", said="residents are being urged to avoid the area"),
    # rutgers.edu.robot (2020-02-05): a blood-sampling robot
    F("rutgers", "team", ("create",), "robot", said="A Rutgers-led team has created a blood-sampling robot"),
    F("rutgers", "device", ("provide",), "results", said="The device provides quick results"),
    F("rutgers", None, ("publish",), "results", said="The results, published in the journal Technology"),
    F("rutgers", "device", ("include",), "robot", said="The device includes an ultrasound image-guided robot"),
    F("rutgers", "Leipheimer", ("say",), None, said='"A device like ours could help ...," said lead author Josh Leipheimer'),
    # standard.co.uk.caribbean (2020-10-01): countries added to the UK quarantine list
    F("standard.co.uk", None, ("remove", "remove_from"), "Turkey", said="Turkey, Poland ... have been removed from the Government's list of travel corridors"),
    F("standard.co.uk", "Shapps", ("say",), None, when="2020-10-01", said="Transport Secretary Grant Shapps said on Thursday"),
    F("standard.co.uk", "Travellers", ("self_isolate", "self_isolate_for"), None, said="Travellers arriving in the UK ... must self-isolate for 14 days"),
    F("standard.co.uk", "Poland", ("report",), "cases", said="Poland also reported 25.9 new cases per 100,000 people"),
    F("standard.co.uk", "Grayling", ("warn",), None, when="2020-09-28", said="Chris Grayling warned on Monday"),
    # thenassauguardian.com-hikes (2022-04-21): no end in sight for price rises
    F("thenassauguardian", "Symonette", ("say",), None, when="2022-04-20", said="Debra Symonette said yesterday"),
    F("thenassauguardian", "International Monetary Fund", ("project",), None, said="the International Monetary Fund projected consumer prices would rise by 7.3 percent"),
    F("thenassauguardian", "Super Value", ("reveal",), None, when="2022-04", said="Earlier this month, Super Value revealed that supply chain issues still exist"),
    F("thenassauguardian", "Symonette", ("speak_with", "speak"), "Guardian Business", said="Symonette spoke with Guardian Business"),
    F("thenassauguardian", "birds", ("die", "die_from"), None, said="the birds have died from bird flu"),
    # tribune242.com-gunned (2022-04-22): two men shot dead
    F("tribune242", None, ("kill",), "men", when="2022-04-21", said="TWO men were killed in separate incidents just hours apart yesterday"),
    F("tribune242", None, ("shoot",), "victim", where="Gamble Heights", said="One victim was shot in the community of Gamble Heights"),
    F("tribune242", "Peters", ("say",), None, said="Superintendent Audley Peters said that officers were alerted to the shooting"),
    F("tribune242", "Emergency Medical Services", ("pronounce",), None, said="Emergency Medical Services pronounced him dead at the scene"),
    F("tribune242", "woman", ("shoot",), "woman", when="2022-04-17", said="a woman was fatally shot by another woman ... on Sunday afternoon"),
    # trinidadexpress.com-melissa (2022-04-28): a woman charged with her mother's murder
    F("trinidadexpress", "Massy", ("charge", "charge_with"), "Jagessar", when="2022-04-27", said="Melissa Jagessar was charged ... on Wednesday 27th April, 2022, by Detective Cowie Massy"),
    F("trinidadexpress", "woman", ("be_due_to_appear", "appear"), None, where="San Fernando", when="2022-04-28", said="A 35-year-old woman ... is due to appear at the San Fernando Magistrates' Court today"),
    F("trinidadexpress", "granddaughter", ("discover",), "body", when="2022-04-26", said="The body of Sita Jaggesar ... was discovered ... on Tuesday ... by her 13-year-old granddaughter"),
    F("trinidadexpress", "officers", ("detain",), "Jaggesar", said="Mellissa Jaggesar was detained by officers of the Homicide Bureau of Investigations"),
    F("trinidadexpress", "Maharaj", ("supervise",), "investigation", said="The investigation was ... supervised by Inspector Anil Maharaj"),
    # viconsortium.com-cocaine (2022-05-10): cocaine found in a vessel
    F("viconsortium", "Air and Marine Operations", ("find",), "cocaine", when="2022-05-08", said="CBP Air and Marine Operations (AMO) found Sunday 475 pounds ... of cocaine"),
    F("viconsortium", "agents", ("conduct",), "patrol", where="Fajardo", when="2022-05-08", said="On May 8, Marine Interdiction agents conducted a land patrol at the ... Boat Ramp in Fajardo"),
    F("viconsortium", "agents", ("inspect",), "occupants", said="agents inspected the occupants of a vessel"),
    F("viconsortium", "Homeland Security Investigations", ("take_custody_of", "take"), "three men", said="HSI Special Agents took custody of three men"),
    F("viconsortium", "AMO", ("safeguard",), "U.S.", said="AMO safeguards the U.S."),
]  # fmt: skip


def _contains(variable: str, text: str, phrase: str) -> str:
    """A SPARQL pattern: the node ``?variable`` has a label or an alias, or is a literal, containing ``text``;
    or the statement keeps the phrase the text said for it (``phrase``: a concept's, "the 30 hospitals")
    and that contains it."""
    needle = text.lower().replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"OPTIONAL {{ ?{variable} rdfs:label|skos:altLabel ?{variable}_label }}\n"
        f"  OPTIONAL {{ ?st kg:{phrase} ?{variable}_phrase }}\n"
        f"  BIND(COALESCE(?{variable}_label, STR(?{variable})) AS ?{variable}_text)\n"
        f'  FILTER(CONTAINS(LCASE(?{variable}_text), "{needle}")'
        f' || CONTAINS(LCASE(COALESCE(?{variable}_phrase, "")), "{needle}"))'
    )


def query(fact: Fact) -> str:
    """The SPARQL ASK for one fact."""
    predicates = ", ".join(f"<{REL}{p}>" for p in fact.predicates)
    lines = [
        "?st a kg:Statement ; rdf:predicate ?p ; kg:negated ?negated ;",
        "    prov:wasDerivedFrom/nif:referenceContext/kg:documentId ?id .",
        f'FILTER(STRSTARTS(?id, "{fact.page}"))',
        f"FILTER(?p IN ({predicates}))",
        f"FILTER(?negated = {'true' if fact.negated else 'false'})",
    ]
    if fact.subject is not None:
        lines += ["?st rdf:subject ?s .", _contains("s", fact.subject, "subjectText")]
    if fact.object is not None:
        lines += ["?st rdf:object ?o .", _contains("o", fact.object, "objectText")]
    if fact.where is not None:
        lines += ["?st kg:location/rdfs:label ?where .", f'FILTER(CONTAINS(LCASE(?where), "{fact.where.lower()}"))']
    if fact.when is not None:
        lines += ["?st kg:time ?when .", f'FILTER(STRSTARTS(STR(?when), "{fact.when}"))']
    return "ASK {\n  " + "\n  ".join(lines) + "\n}"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The development pages built once."""
    out = tmp_path_factory.mktemp("dev-pages") / "out"
    built = kg.build([PAGES], out, settings=kg.Settings(write_html=False, write_trig=False))
    yield built
    built.close()


def found(graph, fact: Fact) -> bool:
    return bool(graph.query(query(fact)).askAnswer)


def test_every_fact_names_a_page_of_the_set():
    pages = sorted(p.name for p in PAGES.iterdir())
    for fact in FACTS:
        assert any(name.startswith(fact.page) for name in pages), fact
    by_page: dict[str, int] = {}
    for fact in FACTS:
        by_page[fact.page] = by_page.get(fact.page, 0) + 1
    assert len(by_page) >= 10 and all(n == 5 for n in by_page.values()), by_page


def test_facts_a_reader_takes_from_the_pages(graph):
    results = [(fact, found(graph, fact)) for fact in FACTS]
    passed = sum(ok for _, ok in results)
    report = "\n".join(f"{'ok  ' if ok else 'MISS'} {fact}" for fact, ok in results)
    print(f"\n{passed} of {len(FACTS)} facts found\n{report}")
    assert passed >= MINIMUM, f"{passed} of {len(FACTS)} facts found (at least {MINIMUM} expected)\n{report}"
