"""The schema of the bank's two kinds of sheet, as pydantic models.

Field names are the French keys editors write in the front matter. Vocabularies
come from schema/vocabulaires/*.yml, so the JSON Schema lists the same values
the committee maintains. Every field has a description and examples: they feed
the exported JSON Schema (editor completion) and the documentation test.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from banque.sheets.contact_address import names_in_address, webmail_domain
from banque.sheets.dating import Period, Situation
from banque.sheets.fields import (
    ActorTypeId,
    Code,
    ContactId,
    Day,
    Email,
    HttpUrl,
    LevelId,
    LongText,
    ModelId,
    NatureId,
    RoleId,
    ShortText,
    Slug,
    StatusId,
    ThemeId,
    ToolTypeId,
    Year,
    describe,
    rule,
    unique,
)
from banque.sheets.links import ToolLinks
from banque.sheets.policy import policy

TO_IDENTIFY = "à identifier"

# Term ids come from the data (schema/regles.yml), never from literals here.
_LEVEL = policy().level
_CONTACT = policy().contact
_STATUS = policy().status
_EXAMPLE = policy().examples


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ModelUse(Strict):
    modele: ModelId = Field(
        description="Le modèle de partenariat. " + describe("modeles"),
        examples=[_EXAMPLE["modeles"][0]],
    )
    justification: ShortText = Field(
        min_length=10,
        max_length=300,
        description="Une phrase qui dit pourquoi ce modèle s'applique à l'expérience.",
        examples=["Les structures d'insertion vendent leurs prestations aux entreprises et collectivités."],
    )


def _unique_models(uses: list[ModelUse]) -> list[ModelUse]:
    unique([u.modele for u in uses])
    return uses


class TerritoryRef(Strict):
    niveau: LevelId = Field(
        description="Le niveau du territoire. " + describe("niveaux_territoire"),
        examples=[_LEVEL.commune, _LEVEL.region],
    )
    codes: list[Code] = Field(
        default_factory=list,
        description=(
            "Les codes officiels (INSEE) des territoires de ce niveau, entre guillemets. "
            "Vide pour le niveau national."
        ),
        examples=[["93066", "92050"], ["44"], ["Alsace"]],
    )

    @model_validator(mode="after")
    def _codes_match_level(self) -> TerritoryRef:
        if self.niveau == _LEVEL.national and self.codes:
            raise rule("codes", "un territoire national n'a pas de code : écrivez « codes: [] »")
        if self.niveau not in (_LEVEL.national, _LEVEL.international) and not self.codes:
            raise rule("codes", f"indiquez au moins un code pour le niveau « {self.niveau} »")
        unique(self.codes)
        return self


class Actor(Strict):
    nom: ShortText = Field(max_length=150, description="Le nom de la structure.", examples=["Alsace Active"])
    type: ActorTypeId = Field(description="Le type d'acteur. " + describe("types_acteurs"), examples=[_EXAMPLE["types_acteurs"][0]])
    role: RoleId = Field(description="Son rôle dans l'expérience. " + describe("roles"), examples=[_EXAMPLE["roles"][0]])


class Indicator(Strict):
    libelle: ShortText = Field(max_length=150, description="Ce qui est mesuré.", examples=["Structures d'insertion partenaires"])
    valeur: ShortText = Field(
        max_length=60,
        description="La valeur mesurée, en texte (un nombre, une fourchette, un pourcentage).",
        examples=["22", "60 à 70 ETP", "23,2 %"],
    )
    annee: Year = Field(description="L'année de la mesure.", examples=[2015])

    @model_validator(mode="before")
    @classmethod
    def _value_as_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("valeur"), (int, float)) and not isinstance(data.get("valeur"), bool):
            data = {**data, "valeur": str(data["valeur"])}
        return data


class Source(Strict):
    titre: ShortText = Field(max_length=300, description="Le titre du document.", examples=["Première rencontre des pionniers des alliances en territoires — compte rendu"])
    auteur: ShortText | None = Field(default=None, max_length=200, description="L'auteur ou l'éditeur.", examples=["Le RAMEAU et le Labo régional des partenariats"])
    date: Day | None = Field(default=None, description="La date du document (AAAA-MM-JJ).", examples=["2015-01-08"])
    passage: ShortText | None = Field(default=None, max_length=200, description="La partie du document où se trouvent les faits.", examples=["III) Table ronde « Les solutions d'animation des partenariats en territoire »"])
    url: HttpUrl | None = Field(default=None, description="L'adresse du document en ligne, s'il y en a une.", examples=["https://www.lerameau.fr/"])


class Consent(Strict):
    date: Day = Field(description="La date du consentement (AAAA-MM-JJ).", examples=["2015-01-08"])
    moyen: ShortText = Field(
        max_length=200,
        description="Comment le consentement a été donné et où il est conservé.",
        examples=["intervention publique, compte rendu publié", "courriel au comité du 3 mars 2025"],
    )


class Referent(Strict):
    nom: ShortText = Field(max_length=120, description="Prénom et nom du référent.", examples=["Laurent Cenne"])
    fonction: ShortText = Field(max_length=150, description="Sa fonction.", examples=["co-gérant"])
    organisation: ShortText = Field(max_length=150, description="Sa structure.", examples=["Lavéo"])
    contact: ContactId = Field(
        default=_CONTACT.via_committee,
        description="Comment le joindre. " + describe("modes_contact"),
        examples=[_CONTACT.via_committee],
    )
    courriel: Email | None = Field(
        default=None,
        description=f"Adresse fonctionnelle (jamais personnelle), seulement avec `contact: {_CONTACT.public}`.",
        examples=["partenariats@exemple.org"],
    )
    consentement: Consent | None = Field(
        default=None,
        description="Le consentement du référent à être cité. Obligatoire pour publier la fiche.",
        examples=[{"date": "2015-01-08", "moyen": "intervention publique, compte rendu publié"}],
    )

    @model_validator(mode="after")
    def _address_follows_mode(self) -> Referent:
        if self.contact == _CONTACT.public and not self.courriel:
            raise rule("courriel", "avec « contact: public », indiquez l'adresse fonctionnelle dans « courriel »")
        if self.contact != _CONTACT.public and self.courriel:
            raise rule("courriel",
                "une adresse n'est enregistrée qu'avec « contact: public » : retirez « courriel » "
                "(le dépôt est public, même une adresse non affichée y serait lisible)"
            )
        if self.courriel:
            provider = webmail_domain(self.courriel)
            if provider:
                raise rule("courriel",
                    f"« {provider} » est une messagerie personnelle : une adresse publiée doit être "
                    "l'adresse fonctionnelle de la structure (contact@…, partenariats@… sur son propre domaine) ; "
                    "sans une telle adresse, choisissez « contact: via_comite »"
                )
            if names_in_address(self.courriel, self.nom):
                raise rule("courriel",
                    "cette adresse est formée du nom du référent : c'est une adresse personnelle. "
                    "Publiez l'adresse fonctionnelle de la structure (contact@…, partenariats@…), "
                    "ou choisissez « contact: via_comite »"
                )
        return self


class Review(Strict):
    date: Day = Field(description="La date de la dernière relecture par le comité (AAAA-MM-JJ).", examples=["2026-11-20"])
    relecteurs: list[ShortText] = Field(min_length=1, description="Les membres du comité qui ont relu.", examples=[["Dominique Exemple"]])


class Editorial(Strict):
    """Fields shared by both kinds: the committee's workflow."""

    statut: StatusId = Field(
        default=_STATUS.draft,
        description=f"L'état de la fiche ; seules les fiches `{_STATUS.published}` sont publiées. " + describe("statuts"),
        examples=[_STATUS.published],
    )
    relecture: Review | None = Field(default=None, description="La dernière relecture par le comité de rédaction.", examples=[{"date": "2026-11-20", "relecteurs": ["Comité de rédaction"]}])
    correspondant: ShortText | None = Field(default=None, max_length=120, description="Le correspondant local qui a proposé la fiche.", examples=["Comité de rédaction"])
    mise_en_avant: bool = Field(default=False, description="`true` pour mettre la fiche en avant sur la page d'accueil.", examples=[False])
    date_publication: Day | None = Field(default=None, description="La date de première publication (AAAA-MM-JJ).", examples=["2026-11-26"])
    situation: Situation = Field(description="La date de la situation que la fiche décrit (AAAA-MM ou AAAA-MM-JJ), celle des sources, distincte de la relecture.", examples=["2015-01"])

    @model_validator(mode="after")
    def _published_was_reviewed(self) -> Editorial:
        if self.statut == _STATUS.published and self.relecture is None:
            raise rule("relecture", "une fiche publiée doit indiquer sa relecture par le comité (« relecture: date, relecteurs »)")
        return self


class _ExperienceFields(Strict):
    slug: Slug = Field(description="L'identifiant de la fiche, égal au nom du fichier sans « .md ».", examples=["laveo-structures-insertion"])
    titre: ShortText = Field(min_length=5, max_length=120, description="Le titre de l'expérience.", examples=["Lavéo et les structures d'insertion"])
    resume: LongText = Field(
        min_length=60,
        max_length=600,
        description="Un résumé de deux ou trois phrases, lisible seul.",
        examples=["Un réseau de lavage auto sans eau qui fait travailler 22 structures d'insertion…"],
    )
    nature: NatureId = Field(description="Partenariat ou dispositif d'animation. " + describe("natures"), examples=[_EXAMPLE["natures"][0]])
    modeles: Annotated[list[ModelUse], AfterValidator(_unique_models)] = Field(
        min_length=0, max_length=4, description="Le ou les modèles de partenariat, chacun justifié ; « [] » seulement pour un dispositif d'animation dont la source ne nomme aucun modèle.",
        examples=[[{"modele": _EXAMPLE["modeles"][0], "justification": "Les entreprises achètent des prestations aux structures d'insertion."}]],
    )
    territoires: list[TerritoryRef] = Field(min_length=1, description="Où l'expérience se déroule.", examples=[[{"niveau": _LEVEL.commune, "codes": ["38185"]}]])
    themes: Annotated[list[ThemeId], AfterValidator(unique)] = Field(min_length=1, max_length=5, description="Les thèmes. " + describe("themes"), examples=[[_EXAMPLE["themes"][0]]])
    acteurs: list[Actor] = Field(min_length=1, description="Les structures engagées, avec leur type et leur rôle.", examples=[[{"nom": "Lavéo", "type": _EXAMPLE["types_acteurs"][1], "role": _EXAMPLE["roles"][0]}]])
    periode: Period = Field(description="Les années de l'expérience.", examples=[{"debut": 2008}])
    indicateurs: list[Indicator] = Field(default_factory=list, description="Des indicateurs d'impact (facultatifs, mais attendus par le comité).", examples=[[{"libelle": "Partenaires", "valeur": "22", "annee": 2015}]])
    outils: ToolLinks = Field(default_factory=list, description="Les outils du répertoire liés à l'expérience, chacun avec la nature du lien et le passage de la source.", examples=[[{"outil": "resolis", "lien": policy().link.cites, "passage": "IV.7 : « Résolis qui recherche, évalue et valorise des pratiques de terrain »"}]])
    sources: list[Source] = Field(min_length=1, description="Les documents d'où viennent les faits.", examples=[[{"titre": "Compte rendu de la première rencontre des pionniers", "date": "2015-01-08"}]])
    referent: Annotated[
        Annotated[Referent, Tag("personne")] | Annotated[Literal["à identifier"], Tag("a_identifier")],
        Discriminator(lambda v: "a_identifier" if isinstance(v, str) else "personne"),
    ] = Field(
        description="La personne qui accepte de parler de l'expérience, ou « à identifier ».",
        examples=[{"nom": "Laurent Cenne", "fonction": "co-gérant", "organisation": "Lavéo", "contact": _CONTACT.via_committee, "consentement": {"date": "2015-01-08", "moyen": "intervention publique, compte rendu publié"}}, "à identifier"],
    )


class Experience(Editorial, _ExperienceFields):
    """An experience sheet. Editorial is listed first so its fields come last
    (pydantic orders fields from the most basic class)."""

    @model_validator(mode="after")
    def _models_or_animation(self) -> Experience:
        if not self.modeles and self.nature != policy().nature.animation:
            raise rule("modeles", f"indiquez au moins un modèle ; « modeles: [] » est réservé à la nature « {policy().nature.animation} »")
        return self

    @model_validator(mode="after")
    def _published_has_consent(self) -> Experience:
        if self.statut == _STATUS.published:
            if not isinstance(self.referent, Referent):
                raise rule("referent", "une fiche publiée doit nommer son référent ; gardez-la en « brouillon » tant qu'il est « à identifier »")
            if self.referent.consentement is None:
                raise rule("referent.consentement", "une fiche publiée exige le consentement du référent (« referent.consentement: date, moyen »)")
        return self


class _ToolFields(Strict):
    slug: Slug = Field(description="L'identifiant de la fiche, égal au nom du fichier sans « .md ».", examples=["resolis"])
    titre: ShortText = Field(min_length=2, max_length=120, description="Le nom de l'outil.", examples=["Résolis"])
    type: ToolTypeId = Field(description="Le type d'outil. " + describe("types_outils"), examples=[_EXAMPLE["types_outils"][0]])
    organisation: ShortText = Field(max_length=150, description="La structure qui porte l'outil.", examples=["Association Résolis"])
    url: HttpUrl | None = Field(default=None, description="L'adresse de l'outil en ligne, s'il y en a une.", examples=["https://www.resolis.org/"])
    territoires: list[TerritoryRef] = Field(min_length=1, description="La portée territoriale de l'outil.", examples=[[{"niveau": _LEVEL.national}]])
    publics: Annotated[list[ActorTypeId], AfterValidator(unique)] = Field(min_length=1, description="À qui l'outil s'adresse. " + describe("types_acteurs"), examples=[list(_EXAMPLE["types_acteurs"][:2])])
    themes: Annotated[list[ThemeId], AfterValidator(unique)] = Field(min_length=1, max_length=5, description="Les thèmes. " + describe("themes"), examples=[[_EXAMPLE["themes"][1]]])
    sources: list[Source] = Field(min_length=1, description="Les documents qui mentionnent l'outil.", examples=[[{"titre": "Compte rendu de la première rencontre des pionniers", "date": "2015-01-08"}]])


class Tool(Editorial, _ToolFields):
    """A sheet of the tool repertory."""


def submodel(annotation: Any) -> type[BaseModel] | None:
    """The sub-model a field holds (directly, in a list or in a union), if any.

    Shared by the error messages, the new-sheet template and the form, which all
    walk the schema the same way."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = submodel(arg)
        if found is not None:
            return found
    return None


KINDS: dict[str, type[Editorial]] = {"experiences": Experience, "outils": Tool}
