import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ScaleId } from '@palliance/core';
import { ApiError, get } from '../../api/http';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import './tools.css';

interface Point {
  scaleId: ScaleId;
  linkId: string | null;
  note: string;
}

/** For editors: every point of the scales the reference leaves UNCONFIRMED, to check against a validated source. */
export function UnconfirmedPage() {
  usePageTitle('Points à confirmer');
  const [points, setPoints] = useState<Point[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Point[]>('/api/v1/scales/unconfirmed').then(setPoints, (e: unknown) => setError(e instanceof ApiError ? e.message : 'Liste indisponible.'));
  }, []);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/outils">Outils</Link> <span aria-hidden="true">›</span> Points à confirmer
      </p>
      <h1>Points à confirmer par un éditeur</h1>
      <p className="lead">
        Libellés, seuils et règles que les faits de référence marquent comme non confirmés. Une fois vérifiés sur une source validée, publiez une
        nouvelle version de l’échelle (import d’un Questionnaire FHIR, voir le README).
      </p>
      {error && <p className="alert alert-error">{error}</p>}
      {!points && !error && <Loading label="Chargement…" />}
      {points && (
        <div className="table-wrap" role="region" aria-labelledby="points-table" tabIndex={0}>
          <table className="table">
            <caption id="points-table">{points.length} points à confirmer</caption>
            <thead>
              <tr>
                <th scope="col">Échelle</th>
                <th scope="col">Question</th>
                <th scope="col">À confirmer</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={i}>
                  <td>
                    <Link to={`/outils/echelles/${p.scaleId}`}>{p.scaleId}</Link>
                  </td>
                  <td>{p.linkId ?? 'toute l’échelle'}</td>
                  <td>{p.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
