"""Générateur d'une banque synthétique pour le banc d'essai.

`generate(n_experiences, dest, seed=0)` écrit dans `dest/experiences/*.md` et
`dest/outils/*.md` des fiches valides d'environ 2 Ko, en français plausible,
déterministes pour une graine donnée. Rien n'est écrit hors de `dest` : c'est
à l'appelant de fournir un dossier temporaire.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TERRITOIRES = ROOT / "schema" / "territoires.json"

MODELES = ["mecenat", "pratiques_responsables", "cooperation_economique", "innovation_societale"]
NATURES = ["partenariat_bilateral", "partenariat_multilateral", "animation_territoriale"]
THEMES = [
    "emploi-insertion", "education", "logement", "sante", "grand-age-handicap", "environnement",
    "solidarite-alimentation", "inclusion-financiere", "sport", "politique-de-la-ville",
    "entrepreneuriat", "economie-sociale-solidaire", "gouvernance-territoriale",
]
TYPES_ACTEURS = ["association", "entreprise", "collectivite", "fondation", "etat", "recherche", "reseau", "citoyens"]
ROLES_SECONDAIRES = ["partenaire", "financeur", "operateur", "animateur"]
TYPES_OUTILS = ["reseau", "base_de_donnees", "site_web", "guide", "methode", "dispositif", "evenement"]

JUSTIFICATIONS = {
    "mecenat": "L'entreprise soutient le projet associatif par un don financier et du mécénat de compétences.",
    "pratiques_responsables": "Les entreprises partenaires font évoluer leurs achats et leur politique de recrutement.",
    "cooperation_economique": "Les partenaires développent ensemble une activité économique en croisant leurs savoir-faire.",
    "innovation_societale": "La démarche invente une réponse nouvelle à un besoin social mal couvert sur le territoire.",
}

STRUCTURES = {
    "association": ["Association {lieu} Solidarités", "Maison des jeunes de {lieu}", "Collectif Agir à {lieu}",
                    "Régie de quartier de {lieu}", "Banque alimentaire de {lieu}"],
    "entreprise": ["Groupe Horizon {lieu}", "Société coopérative {lieu} Services", "Atelier mécanique de {lieu}",
                   "Caisse régionale de {lieu}", "Transports {lieu} Express"],
    "collectivite": ["Ville de {lieu}", "Communauté de communes de {lieu}", "Conseil départemental ({lieu})"],
    "fondation": ["Fondation {lieu} Avenir", "Fondation territoriale de {lieu}"],
    "etat": ["Agence France Travail de {lieu}", "Préfecture ({lieu})", "Rectorat ({lieu})"],
    "recherche": ["Université de {lieu}", "Laboratoire d'innovation sociale de {lieu}"],
    "reseau": ["Réseau des entreprises de {lieu}", "Fédération des centres sociaux de {lieu}"],
    "citoyens": ["Habitants du quartier de {lieu}", "Conseil citoyen de {lieu}"],
}

PRENOMS = ["Camille", "Dominique", "Claude", "Sacha", "Alix", "Morgane", "Hugo", "Nadia", "Yasmine", "Julien",
           "Léa", "Mathieu", "Sophie", "Karim", "Élodie", "Thomas", "Inès", "Pierre", "Chloé", "Rachid"]
NOMS = ["Martin", "Bernard", "Durand", "Lefèvre", "Moreau", "Girard", "Benali", "Roux", "Fournier", "Mercier",
        "Bonnet", "Lambert", "Faure", "Rousseau", "Nguyen", "Garnier", "Chevalier", "Perrin", "Morel", "Blanc"]
FONCTIONS = ["directrice", "directeur", "chargée de mission", "chargé de partenariats", "coordinatrice",
             "délégué territorial", "présidente", "responsable RSE"]

OBJETS = ["l'insertion professionnelle des jeunes", "la réussite éducative", "l'accès au logement",
          "la prévention en santé", "le maintien à domicile des personnes âgées", "la transition écologique",
          "l'aide alimentaire", "l'inclusion bancaire", "le sport comme levier d'insertion",
          "la revitalisation des quartiers prioritaires", "la création d'activité", "l'économie sociale et solidaire"]

FRAGMENTS = {
    "Contexte": [
        "Sur ce territoire, le taux de chômage des jeunes dépasse nettement la moyenne nationale.",
        "Plusieurs associations constataient depuis longtemps que leurs actions restaient trop dispersées.",
        "Les entreprises locales peinaient à recruter alors que de nombreux habitants cherchaient un emploi.",
        "La fermeture d'un site industriel a fragilisé l'économie de tout le bassin de vie.",
        "Les familles les plus modestes renonçaient souvent à faire valoir leurs droits.",
        "Le décrochage scolaire touchait un collégien sur dix dans les quartiers prioritaires.",
        "Le vieillissement de la population posait la question du maintien à domicile en zone rurale.",
        "Les acteurs se connaissaient mal et n'avaient jamais travaillé ensemble.",
    ],
    "Le partenariat": [
        "Une association et une entreprise ont signé une convention pluriannuelle de partenariat.",
        "Un comité de pilotage réunit chaque trimestre les partenaires et les représentants de la collectivité.",
        "L'entreprise met à disposition des salariés volontaires dans le cadre du mécénat de compétences.",
        "La fondation apporte un financement d'amorçage sur trois ans.",
        "Chaque partenaire a désigné un référent chargé de suivre la démarche au quotidien.",
        "Un tiers de confiance anime les échanges et veille à l'équilibre entre les partenaires.",
        "La gouvernance repose sur une charte d'engagement signée par tous les membres.",
        "La collectivité facilite l'accès aux locaux et relaie la démarche auprès des habitants.",
    ],
    "Actions menées": [
        "Des ateliers de découverte des métiers ont été organisés dans les entreprises partenaires.",
        "Un parcours d'accompagnement individuel a été proposé aux personnes éloignées de l'emploi.",
        "Les bénévoles ont animé des séances d'aide aux devoirs deux soirs par semaine.",
        "Un diagnostic partagé des besoins du territoire a été conduit avec les habitants.",
        "Des marchés réservés ont ouvert des prestations aux structures d'insertion.",
        "Une plateforme commune recense désormais les offres de stage et d'apprentissage.",
        "Des formations croisées ont permis aux salariés et aux bénévoles de mieux se comprendre.",
        "Un forum annuel réunit les acteurs pour partager les réussites et les difficultés.",
    ],
    "Résultats": [
        "Plus de la moitié des personnes accompagnées ont trouvé un emploi ou une formation qualifiante.",
        "Le nombre de partenaires engagés a doublé en trois ans.",
        "Les familles accompagnées déclarent une nette amélioration de leur situation.",
        "Les entreprises ont revu leurs pratiques de recrutement pour mieux accueillir ces publics.",
        "La démarche a essaimé dans deux territoires voisins.",
        "Les résultats scolaires des élèves suivis se sont sensiblement améliorés.",
        "Les coûts de fonctionnement ont été partagés entre les partenaires.",
        "L'évaluation conduite avec une université confirme l'utilité sociale du projet.",
    ],
    "Enseignements": [
        "Prendre le temps de se connaître avant d'agir évite bien des malentendus.",
        "Un animateur neutre est indispensable pour faire vivre un partenariat multi-acteurs.",
        "Il faut mesurer l'impact dès le départ, et pas seulement à la fin.",
        "La confiance se construit par de petites réussites partagées.",
        "Associer les bénéficiaires à la gouvernance renforce la pertinence des actions.",
        "Changer d'échelle suppose de formaliser la méthode pour pouvoir la transmettre.",
        "Les engagements doivent être écrits, mais rester souples face aux imprévus.",
        "Le soutien des élus locaux facilite grandement la mobilisation des autres acteurs.",
    ],
    "Présentation": [
        "Cet outil recense des expériences de partenariat classées par thème et par territoire.",
        "Il propose une méthode pas à pas pour monter une alliance entre acteurs.",
        "Une équipe de bénévoles et de salariés le met à jour régulièrement.",
        "Il est librement accessible et gratuit pour les associations.",
    ],
    "Utilité pour les alliances": [
        "Il aide les porteurs de projet à identifier des partenaires sur leur territoire.",
        "Il évite de réinventer ce qui existe déjà ailleurs.",
        "Il offre un langage commun aux associations, aux entreprises et aux collectivités.",
        "Il facilite l'évaluation et la transmission des expériences réussies.",
    ],
}

TITRES = ["Alliance pour {objet} à {lieu}", "{lieu} : un partenariat pour {objet}",
          "Agir ensemble pour {objet} à {lieu}", "Une coopération territoriale pour {objet} ({lieu})"]


def _q(text: str) -> str:
    """Une chaîne YAML entre guillemets doubles."""
    return json.dumps(text, ensure_ascii=False)


def _territories() -> dict:
    return json.loads(TERRITOIRES.read_text(encoding="utf-8"))


def _paragraphs(rng: random.Random, section: str, n_par: int, per_par: int) -> str:
    pool = FRAGMENTS[section]
    return "\n\n".join(" ".join(rng.sample(pool, per_par)) for _ in range(n_par))


def _place(rng: random.Random, ref: dict, communes: list[str], departements: list[str], regions: list[str]):
    """(niveau, code, nom du lieu, code région)."""
    draw = rng.random()
    if draw < 0.6:
        code = rng.choice(communes)
        dep = ref["communes"][code]["departement"]
        return "commune", code, ref["communes"][code]["nom"], ref["departements"][dep]["region"]
    if draw < 0.85:
        code = rng.choice(departements)
        return "departement", code, ref["departements"][code]["nom"], ref["departements"][code]["region"]
    code = rng.choice(regions)
    return "region", code, ref["regions"][code]["nom"], code


def _tool(i: int, rng: random.Random) -> tuple[str, str]:
    slug = f"outil-synthetique-{i:04d}"
    themes = rng.sample(THEMES, rng.randint(1, 3))
    publics = rng.sample(TYPES_ACTEURS, rng.randint(1, 4))
    front = [
        "---",
        "# yaml-language-server: $schema=../../schema/outil.schema.json",
        f"slug: {slug}",
        f"titre: {_q(f'Outil synthétique n° {i}')}",
        f"type: {rng.choice(TYPES_OUTILS)}",
        f"organisation: {_q(rng.choice(['Avise', 'Le RAMEAU', 'RTES', 'Réseau des pionniers']))}",
        f"url: https://example.org/outils/{slug}",
        "territoires:",
        "  - niveau: national",
        f"publics: [{', '.join(publics)}]",
        f"themes: [{', '.join(themes)}]",
        "sources:",
        "  - titre: Banc d'essai — données synthétiques",
        "    auteur: Générateur du banc d'essai",
        "    date: 2015-01-08",
        "situation: 2015-01",
        "statut: publiee",
        "relecture:",
        "  date: 2026-01-15",
        "  relecteurs: [Comité de rédaction]",
        "correspondant: Comité de rédaction",
        "date_publication: 2026-01-15",
        "---",
        "",
    ]
    body = []
    for section in ("Présentation", "Utilité pour les alliances"):
        body += [f"## {section}", "", _paragraphs(rng, section, 1, 3), ""]
    return slug, "\n".join(front + body)


def _experience(i: int, rng: random.Random, ref: dict, lists: tuple, tool_slugs: list[str]) -> tuple[str, str]:
    communes, departements, regions = lists
    slug = f"experience-synthetique-{i:05d}"
    places = [_place(rng, ref, communes, departements, regions) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
    lieu = places[0][2]
    objet = rng.choice(OBJETS)
    titre = rng.choice(TITRES).format(objet=objet, lieu=lieu)
    if len(titre) > 120:
        titre = f"Alliance pour {objet}"
    # Tous les modèles tournent sur les premières fiches, puis tirage aléatoire.
    modeles = [MODELES[i % 4]] + rng.sample([m for m in MODELES if m != MODELES[i % 4]], rng.choice([0, 0, 1, 1, 2]))
    themes = rng.sample(THEMES, rng.randint(1, 3))
    n_act = rng.randint(2, 5)
    acteurs = []
    for k in range(n_act):
        typ = rng.choice(TYPES_ACTEURS)
        nom = rng.choice(STRUCTURES[typ]).format(lieu=lieu)
        acteurs.append((nom if k == 0 else f"{nom} ({k})", typ, "porteur" if k == 0 else rng.choice(ROLES_SECONDAIRES)))
    debut = rng.randint(1995, 2022)
    fin = debut + rng.randint(1, 8) if rng.random() < 0.3 else None

    statut_draw = rng.random()
    statut = "publiee" if statut_draw < 0.85 else ("brouillon" if statut_draw < 0.95 else "en_relecture")
    contact_draw = rng.random()
    contact = "via_comite" if contact_draw < 0.75 else ("public" if contact_draw < 0.92 else "masque")

    by_level: dict[str, list[str]] = {}
    for niveau, code, _, _ in places:
        if code not in by_level.setdefault(niveau, []):
            by_level[niveau].append(code)

    resume = (f"À {lieu}, des associations, des entreprises et des collectivités se sont alliées pour "
              f"{objet}. Cette fiche décrit leur démarche, les actions menées et ce qu'elles en retiennent.")
    prenom, nom = rng.choice(PRENOMS), rng.choice(NOMS)
    front = [
        "---",
        "# yaml-language-server: $schema=../../schema/experience.schema.json",
        f"slug: {slug}",
        f"titre: {_q(titre)}",
        f"resume: {_q(resume)}",
        f"nature: {rng.choice(NATURES)}",
        "modeles:",
    ]
    for m in modeles:
        front += [f"  - modele: {m}", f"    justification: {_q(JUSTIFICATIONS[m])}"]
    front.append("territoires:")
    for niveau, codes in by_level.items():
        front += [f"  - niveau: {niveau}", f"    codes: [{', '.join(_q(c) for c in codes)}]"]
    front.append(f"themes: [{', '.join(themes)}]")
    front.append("acteurs:")
    for nom_a, typ, role in acteurs:
        front += [f"  - nom: {_q(nom_a)}", f"    type: {typ}", f"    role: {role}"]
    front += ["periode:", f"  debut: {debut}"] + ([f"  fin: {fin}"] if fin else []) + ["situation: 2015-01"]
    if rng.random() < 0.7:
        front += ["indicateurs:", "  - libelle: Personnes accompagnées",
                  f"    valeur: {_q(str(rng.randint(10, 900)))}", f"    annee: {fin or 2015}"]
    if tool_slugs and rng.random() < 0.5:
        front.append(f"outils: [{', '.join(rng.sample(tool_slugs, rng.randint(1, 2)))}]")
    front += [
        "sources:",
        "  - titre: Banc d'essai — données synthétiques",
        "    auteur: Générateur du banc d'essai",
        "    date: 2015-01-08",
        "referent:",
        f"  nom: {_q(f'{prenom} {nom}')}",
        f"  fonction: {_q(rng.choice(FONCTIONS))}",
        f"  organisation: {_q(acteurs[0][0])}",
        f"  contact: {contact}",
    ]
    if contact == "public":
        front.append("  courriel: contact@example.org")
    front += ["  consentement:", "    date: 2025-03-01", "    moyen: courriel au comité"]
    front.append(f"statut: {statut}")
    if statut == "publiee":
        front += ["relecture:", "  date: 2026-01-15", "  relecteurs: [Comité de rédaction]",
                  "date_publication: 2026-01-15"]
    front.append("correspondant: Comité de rédaction")
    if rng.random() < 0.02:
        front.append("mise_en_avant: true")
    front += ["---", ""]
    body = []
    for section in ("Contexte", "Le partenariat", "Actions menées", "Résultats", "Enseignements"):
        body += [f"## {section}", "", _paragraphs(rng, section, 1, rng.randint(2, 3)), ""]
    return slug, "\n".join(front + body)


def generate(n_experiences: int, dest: Path, seed: int = 0) -> tuple[int, int]:
    """Écrit la banque synthétique dans `dest` ; renvoie (expériences, outils)."""
    dest = Path(dest)
    rng = random.Random(seed)
    ref = _territories()
    lists = (sorted(ref["communes"]), sorted(ref["departements"]), sorted(ref["regions"]))
    n_tools = max(5, n_experiences // 20)
    (dest / "experiences").mkdir(parents=True, exist_ok=True)
    (dest / "outils").mkdir(parents=True, exist_ok=True)
    tool_slugs = []
    for i in range(n_tools):
        slug, text = _tool(i, rng)
        tool_slugs.append(slug)
        (dest / "outils" / f"{slug}.md").write_text(text, encoding="utf-8")
    for i in range(n_experiences):
        slug, text = _experience(i, rng, ref, lists, tool_slugs)
        (dest / "experiences" / f"{slug}.md").write_text(text, encoding="utf-8")
    return n_experiences, n_tools


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(generate(n, Path(sys.argv[2] if len(sys.argv) > 2 else "banque-synthetique")))
