import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isScaleId, type ScaleAnswers } from '@palliance/core';
import { usePageTitle } from '../../ui/page-title';
import { ScaleForm } from './ScaleForm';
import { useScaleDefinitions } from './scale-definitions-hook';
import './tools.css';

/** One scale on its own, as a calculator (nothing stored), with its FHIR Questionnaire. */
export function ScalePage() {
  const { id = '' } = useParams();
  const SCALES = useScaleDefinitions();
  const scale = isScaleId(id) ? SCALES[id] : null;
  const [answers, setAnswers] = useState<ScaleAnswers>({});
  usePageTitle(scale ? scale.shortTitle : 'Échelle introuvable');
  if (!scale) {
    return (
      <div className="page">
        <h1>Échelle introuvable</h1>
        <p>
          <Link to="/outils">Retour aux outils</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/outils">Outils</Link> <span aria-hidden="true">›</span> {scale.shortTitle}
      </p>
      <h1>{scale.shortTitle}</h1>
      <p className="lead">Calculatrice : rien n’est enregistré. Le score s’affiche au fur et à mesure.</p>
      <ScaleForm key={scale.id} scale={scale} answers={answers} onChange={setAnswers} />
      <p className="small">
        <a href={`/fhir/R4/Questionnaire/${scale.id}`}>Cette échelle en Questionnaire FHIR R4</a>
      </p>
    </div>
  );
}
