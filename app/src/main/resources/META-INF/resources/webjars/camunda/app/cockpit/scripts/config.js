/*
 * SecFlow configuration of the Camunda Cockpit (replaces the webjar's scripts/config.js).
 * Shared settings (brand, languages, date formats, secflow.js): ../../../assets/secflow/secflow-config.js
 */
import {secflowConfig} from '../../../assets/secflow/secflow-config.js';

export default {
  ...secflowConfig('cockpit')
};
