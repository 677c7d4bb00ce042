// Copied from shared/reference/survey/enquete-liberaux-idf-2025.questionnaire.json (the seed-004 survey as a FHIR R4
// Questionnaire). Kept as a module so the server bundle carries it.
export const enqueteLiberauxIdf2025: Record<string, unknown> = {
 "resourceType": "Questionnaire",
 "id": "enquete-liberaux-idf-2025",
 "url": "urn:palliance:questionnaire:enquete-liberaux-idf-2025",
 "version": "1",
 "name": "EnqueteLiberauxIdf2025",
 "title": "Pratiques et besoins des professionnels libéraux en soins palliatifs",
 "status": "active",
 "language": "fr-FR",
 "description": "Questionnaire reconstitué d'après le rapport d'enquête régionale (seed 004) : mêmes thèmes et mêmes modalités de réponse.",
 "item": [
  {
   "linkId": "profil",
   "text": "Profil des répondants",
   "type": "group",
   "item": [
    {
     "linkId": "profession",
     "text": "Votre profession",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "medecin-generaliste",
        "display": "Médecin généraliste"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "medecin-specialiste",
        "display": "Médecin spécialiste"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "infirmier",
        "display": "Infirmier(e)"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "masseur-kinesitherapeute",
        "display": "Masseur-kinésithérapeute"
       }
      }
     ]
    },
    {
     "linkId": "annees-exercice",
     "text": "Depuis combien d'années exercez-vous en libéral à domicile ?",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "moins-5",
        "display": "Moins de 5 ans"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "5-10",
        "display": "5 à 10 ans"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "plus-10",
        "display": "Plus de 10 ans"
       }
      }
     ]
    },
    {
     "linkId": "zone",
     "text": "Zone d'exercice",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "urbaine",
        "display": "Urbaine"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "semi-urbaine",
        "display": "Semi-urbaine"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "rurale",
        "display": "Rurale"
       }
      }
     ]
    },
    {
     "linkId": "nb-professionnels",
     "text": "Nombre de professionnels dans votre cabinet (vous compris)",
     "type": "integer",
     "extension": [
      {
       "url": "http://hl7.org/fhir/StructureDefinition/minValue",
       "valueInteger": 1
      },
      {
       "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
       "valueInteger": 500
      }
     ]
    },
    {
     "linkId": "departement",
     "text": "Département d'exercice",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "75",
        "display": "75"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "77",
        "display": "77"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "78",
        "display": "78"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "91",
        "display": "91"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "92",
        "display": "92"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "93",
        "display": "93"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "94",
        "display": "94"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "95",
        "display": "95"
       }
      }
     ]
    },
    {
     "linkId": "formation-sp",
     "text": "Avez-vous reçu une formation en soins palliatifs (initiale ou continue) ?",
     "type": "boolean"
    }
   ]
  },
  {
   "linkId": "experience",
   "text": "Expérience et implication en soins palliatifs",
   "type": "group",
   "item": [
    {
     "linkId": "patients-6-mois",
     "text": "Sur les six derniers mois, combien de patients en situation palliative avez-vous accompagnés ?",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "aucun",
        "display": "Aucun"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "1-5",
        "display": "1 à 5"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "6-10",
        "display": "6 à 10"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "plus-10",
        "display": "Plus de 10"
       }
      }
     ]
    },
    {
     "linkId": "part-patientele",
     "text": "Part estimée de patients palliatifs dans votre patientèle (%)",
     "type": "decimal",
     "extension": [
      {
       "url": "http://hl7.org/fhir/StructureDefinition/minValue",
       "valueDecimal": 0
      },
      {
       "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
       "valueDecimal": 100
      }
     ]
    },
    {
     "linkId": "aisance",
     "text": "Degré d'aisance par domaine (1 = en difficulté, 5 = très à l'aise)",
     "type": "group",
     "item": [
      {
       "linkId": "aisance-psy-spirituel",
       "text": "Accompagnement psychologique et spirituel du patient",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-directives-anticipees",
       "text": "Accès aux directives anticipées de mon patient",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-cadre-reglementaire",
       "text": "Axes du cadre réglementaire – Loi Claeys-Leonetti",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-urgence-palliative",
       "text": "Gestion de « l'urgence palliative »",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-autres-symptomes",
       "text": "Gestion des autres symptômes (dyspnée, nausées…)",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-decision-complexe",
       "text": "Prise de décision en situation complexe",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-reperage-precoce",
       "text": "Repérage précoce des situations",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-soutien-proches",
       "text": "Soutien et accompagnement des proches et aidants",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      },
      {
       "linkId": "aisance-douleur",
       "text": "Évaluation et traitement de la douleur : dosage, titration…",
       "type": "integer",
       "extension": [
        {
         "url": "http://hl7.org/fhir/StructureDefinition/minValue",
         "valueInteger": 1
        },
        {
         "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
         "valueInteger": 5
        }
       ]
      }
     ]
    },
    {
     "linkId": "outils-douleur",
     "text": "Utilisez-vous des outils pour évaluer la douleur ?",
     "type": "boolean"
    },
    {
     "linkId": "outils-utilises",
     "text": "Lesquels ?",
     "type": "choice",
     "repeats": true,
     "enableWhen": [
      {
       "question": "outils-douleur",
       "operator": "=",
       "answerBoolean": true
      }
     ],
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "eva",
        "display": "EVA"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "en",
        "display": "EN"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "algoplus",
        "display": "Algoplus"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "face",
        "display": "FACE"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "comfort",
        "display": "COMFORT"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "dn4",
        "display": "DN4"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "hads",
        "display": "HADS"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "esas",
        "display": "ESAS"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "pallia10",
        "display": "Pallia 10"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "rass",
        "display": "Richmond (RASS)"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "qdsa",
        "display": "QDSA"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "bpi",
        "display": "Brief Pain Inventory"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "ps-oms",
        "display": "Performance Status OMS"
       }
      }
     ]
    },
    {
     "linkId": "cotations",
     "text": "Valorisez-vous les prises en charge palliatives via les cotations dédiées ?",
     "type": "boolean"
    },
    {
     "linkId": "cotations-lesquelles",
     "text": "Lesquelles ?",
     "type": "choice",
     "repeats": true,
     "enableWhen": [
      {
       "question": "cotations",
       "operator": "=",
       "answerBoolean": true
      }
     ],
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "vsp",
        "display": "VSP"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "vl",
        "display": "VL"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "mci",
        "display": "MCI"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "pll",
        "display": "PLL"
       }
      }
     ]
    },
    {
     "linkId": "sedation-domicile",
     "text": "Avez-vous déjà eu à initier/administrer des sédations ou anxiolyses palliatives à domicile ?",
     "type": "boolean"
    },
    {
     "linkId": "aisance-sedation",
     "text": "Degré d'aisance pour la sédation à domicile (1 à 5)",
     "type": "integer",
     "enableWhen": [
      {
       "question": "sedation-domicile",
       "operator": "=",
       "answerBoolean": true
      }
     ],
     "extension": [
      {
       "url": "http://hl7.org/fhir/StructureDefinition/minValue",
       "valueInteger": 1
      },
      {
       "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
       "valueInteger": 5
      }
     ]
    }
   ]
  },
  {
   "linkId": "difficultes-groupe",
   "text": "Difficultés rencontrées",
   "type": "group",
   "item": [
    {
     "linkId": "difficultes",
     "text": "Quelles sont les principales difficultés rencontrées ?",
     "type": "choice",
     "repeats": true,
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "manque-temps",
        "display": "Manque de temps"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "complexite-situations",
        "display": "Complexité des situations"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "coordination",
        "display": "Coordination entre acteurs"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "urgence-palliative",
        "display": "Gestion de l'urgence"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "familles",
        "display": "Relation avec les familles"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "continuite-soins",
        "display": "Continuité des soins (nuits, week-ends)"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connaissances-therapeutiques",
        "display": "Connaissances thérapeutiques"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "administratif",
        "display": "Lourdeur administrative"
       }
      }
     ]
    }
   ]
  },
  {
   "linkId": "filiere",
   "text": "Filière de soins palliatifs",
   "type": "group",
   "item": [
    {
     "linkId": "collaboration",
     "text": "Travaillez-vous en collaboration avec d'autres professionnels libéraux en situation palliative ?",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "regulierement",
        "display": "Régulièrement"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "ponctuellement",
        "display": "Ponctuellement"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "rarement",
        "display": "Rarement"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "jamais",
        "display": "Jamais"
       }
      }
     ]
    },
    {
     "linkId": "connaissance-had",
     "text": "HAD",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connais-interpelle",
        "display": "Je connais et j'interpelle"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connais-sans-solliciter",
        "display": "Je connais sans solliciter"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "ne-connais-pas",
        "display": "Je ne connais pas"
       }
      }
     ]
    },
    {
     "linkId": "connaissance-emtsp",
     "text": "EMTSP",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connais-interpelle",
        "display": "Je connais et j'interpelle"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connais-sans-solliciter",
        "display": "Je connais sans solliciter"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "ne-connais-pas",
        "display": "Je ne connais pas"
       }
      }
     ]
    },
    {
     "linkId": "connaissance-dac",
     "text": "DAC",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connais-interpelle",
        "display": "Je connais et j'interpelle"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "connais-sans-solliciter",
        "display": "Je connais sans solliciter"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "ne-connais-pas",
        "display": "Je ne connais pas"
       }
      }
     ]
    },
    {
     "linkId": "appui-territorial",
     "text": "Connaissez-vous le numéro d'appui téléphonique territorial (soir, week-end, jours fériés) ?",
     "type": "boolean"
    }
   ]
  },
  {
   "linkId": "impact",
   "text": "Impact psychologique",
   "type": "group",
   "item": [
    {
     "linkId": "impact-psychologique",
     "text": "L'exercice libéral en soins palliatifs est-il pour vous une source de difficulté psychologique ?",
     "type": "choice",
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "pas-du-tout",
        "display": "Pas du tout"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "peu",
        "display": "Peu"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "moderement",
        "display": "Modérément"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "fortement",
        "display": "Fortement"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "tres-fortement",
        "display": "Très fortement"
       }
      }
     ]
    },
    {
     "linkId": "isolement",
     "text": "Sentiment de solitude dans la prise en charge palliative à domicile (1 = jamais, 5 = très souvent)",
     "type": "integer",
     "extension": [
      {
       "url": "http://hl7.org/fhir/StructureDefinition/minValue",
       "valueInteger": 1
      },
      {
       "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
       "valueInteger": 5
      }
     ]
    }
   ]
  },
  {
   "linkId": "besoins-groupe",
   "text": "Identification des besoins",
   "type": "group",
   "item": [
    {
     "linkId": "besoins",
     "text": "Quels besoins souhaitez-vous voir renforcer ?",
     "type": "choice",
     "repeats": true,
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "concertation",
        "display": "Concertation interprofessionnelle"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "formation",
        "display": "Formation / sensibilisation"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "groupes-echanges",
        "display": "Groupes d'échanges"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "ateliers-compagnonnage",
        "display": "Ateliers pratiques et compagnonnage"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "soutien-psychologique",
        "display": "Soutien psychologique"
       }
      }
     ]
    },
    {
     "linkId": "themes-formation",
     "text": "Thématiques de formation prioritaires",
     "type": "choice",
     "repeats": true,
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "sedation-ambulatoire",
        "display": "Sédation en ambulatoire"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "symptomes-inconfort",
        "display": "Prise en charge des symptômes d'inconfort"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "coordination-parcours",
        "display": "Coordination des parcours"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "douleur-antalgiques",
        "display": "Gestion de la douleur et usage des antalgiques"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "psychologie-communication",
        "display": "Approche psychologique et communication"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "outils-evaluation",
        "display": "Outils d'évaluation"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "deuil",
        "display": "Accompagnement du deuil"
       }
      }
     ]
    },
    {
     "linkId": "formats",
     "text": "Formats de formation préférés",
     "type": "choice",
     "repeats": true,
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "webinaire",
        "display": "Webinaire thématique"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "mooc-foad",
        "display": "MOOC / FOAD"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "presentiel",
        "display": "Présentiel"
       }
      }
     ]
    },
    {
     "linkId": "creneaux",
     "text": "Créneaux préférés pour le présentiel",
     "type": "choice",
     "repeats": true,
     "answerOption": [
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "soiree",
        "display": "Soirée"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "demi-journee",
        "display": "Demi-journée"
       }
      },
      {
       "valueCoding": {
        "system": "urn:palliance:enquete-liberaux-idf",
        "code": "pause-meridienne",
        "display": "Pause méridienne"
       }
      }
     ]
    },
    {
     "linkId": "verbatim",
     "text": "Qu'est-ce qui améliorerait votre exercice en soins palliatifs ?",
     "type": "text"
    }
   ]
  }
 ]
};
