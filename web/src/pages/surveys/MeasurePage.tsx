import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SurveySummary } from '@palliance/core';
import { ApiError } from '../../api/http';
import { createFromFhir, createFromTemplate, listSurveys } from '../../api/surveys';
import { formatDate, formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';
import { STATE_LABELS } from './survey-format';

/** Mesurer: the questionnaires and their templates, for a regional cell or a territory coordinator. */
export function MeasurePage() {
  usePageTitle('Questionnaires');
  const [surveys, setSurveys] = useState<SurveySummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    const ctrl = new AbortController();
    listSurveys(ctrl.signal)
      .then(setSurveys)
      .catch((e) => {
        if (e instanceof ApiError) setError(e);
      });
    return () => ctrl.abort();
  }, []);

  const fromTemplate = async (id: string) => {
    setBusy(true);
    try {
      const s = await createFromTemplate(id);
      void navigate(`/mesurer/questionnaires/${s.id}`);
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  };

  const importFhir = async (file: File) => {
    setBusy(true);
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new ApiError(400, 'invalid_json', `Le fichier « ${file.name} » n'est pas un JSON valide.`);
      }
      const s = await createFromFhir(json);
      void navigate(`/mesurer/questionnaires/${s.id}`);
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  };

  const templates = surveys?.filter((s) => s.isTemplate) ?? [];
  const own = surveys?.filter((s) => !s.isTemplate) ?? [];
  return (
    <div className="page">
      <h1>Questionnaires</h1>
      <p className="lead">
        Interroger les professionnels d’un territoire, importer ou recueillir leurs réponses et lire le rapport d’analyse sans tableur :
        effectifs et pourcentages avec leur dénominateur, moyennes et médianes, échelles de 1 à 5 par profession, tableaux croisés et verbatims
        classés par thème.
      </p>
      {error && (
        <div role="alert" className="alert alert-error">
          {error.status === 401 ? (
            <>
              Connectez-vous pour gérer les questionnaires. <Link to={`/connexion?retour=${encodeURIComponent('/mesurer')}`}>Se connecter</Link>
            </>
          ) : error.status === 403 ? (
            'Les questionnaires sont gérés par les coordinateurs de territoire, les éditeurs de contenus et les administrateurs.'
          ) : (
            error.message
          )}
        </div>
      )}
      {!surveys && !error && <Loading />}
      {surveys && (
        <>
          <section aria-labelledby="mes-questionnaires">
            <h2 id="mes-questionnaires">Questionnaires</h2>
            {own.length === 0 ? (
              <p>Aucun questionnaire pour l’instant : partez d’un modèle ou importez un questionnaire FHIR.</p>
            ) : (
              <div className="table-wrap" role="region" aria-labelledby="mes-questionnaires" tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Titre</th>
                      <th scope="col">État</th>
                      <th scope="col">Réponses</th>
                      <th scope="col">Clôture</th>
                    </tr>
                  </thead>
                  <tbody>
                    {own.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Link to={`/mesurer/questionnaires/${s.id}`}>{s.title}</Link>
                        </th>
                        <td>{STATE_LABELS[s.state]}</td>
                        <td>{formatNumber(s.responseCount)}</td>
                        <td>{s.closesAt ? formatDate(s.closesAt) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="nouveau">
            <h2 id="nouveau">Nouveau questionnaire</h2>
            <ul className="plain-list">
              {templates.map((t) => (
                <li key={t.id}>
                  <button type="button" className="button" disabled={busy} onClick={() => void fromTemplate(t.id)}>
                    Partir du modèle
                  </button>{' '}
                  {t.title} ({t.questionCount} questions)
                </li>
              ))}
            </ul>
            <p>
              <label htmlFor="import-fhir">Importer un questionnaire FHIR R4 (fichier JSON « Questionnaire »)</label>
              <br />
              <input
                id="import-fhir"
                ref={fileRef}
                type="file"
                accept=".json,application/json,application/fhir+json"
                disabled={busy}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void importFhir(f);
                }}
              />
            </p>
          </section>
        </>
      )}
      <section aria-labelledby="indicateurs-titre">
        <h2 id="indicateurs-titre">Indicateurs territoriaux</h2>
        <p>
          Le tableau de bord des indicateurs par territoire (demandes d’appui, délais de réponse, mini-RCP, formation) reprendra deux chiffres
          de la dernière enquête : la part des professionnels qui connaissent le numéro d’appui territorial et la part qui utilisent les
          cotations palliatives.
        </p>
        <p>
          <Link to="/mesurer/indicateurs">Ouvrir le tableau de bord des indicateurs territoriaux</Link>
        </p>
      </section>
      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
      </Sources>
    </div>
  );
}
