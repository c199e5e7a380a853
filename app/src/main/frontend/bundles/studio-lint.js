// Camunda's own linter (bpmnlint's correctness rules + camunda-compat's rules for Camunda 7.24), bundled for the
// studio page as the global SecflowLint. Our models do not name their execution platform, so it is set here:
// the engine they are deployed to is 7.24.
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from '@camunda/linting';
import modelerModdle from 'modeler-moddle/resources/modeler.json';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

const moddle = new BpmnModdle({ modeler: modelerModdle, camunda: camundaModdle });
const linter = new Linter({ modeler: 'web', type: 'platform' });

export async function lint(xml) {
  const { rootElement } = await moddle.fromXML(xml);
  rootElement.set('modeler:executionPlatform', 'Camunda Platform');
  rootElement.set('modeler:executionPlatformVersion', '7.24.0');
  const reports = await linter.lint(rootElement);
  return reports.map(({ id, message, category, rule }) => ({ id, message, category, rule }));
}
