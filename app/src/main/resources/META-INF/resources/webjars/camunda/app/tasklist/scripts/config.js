/*
 * SecFlow configuration of the Camunda Tasklist (replaces the webjar's scripts/config.js).
 * Shared settings (brand, languages, date formats, secflow.js): ../../../assets/secflow/secflow-config.js
 */
import {secflowConfig, text} from '../../../assets/secflow/secflow-config.js';

export default {
  ...secflowConfig('tasklist'),

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: text('认领当前选中的任务', 'claims the currently selected task')
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: text('将焦点移到过滤条件列表中的第一个过滤条件', 'set the focus to the first filter in the list')
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: text('将焦点移到任务列表中的第一个任务', 'sets the focus to the first task in the list')
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: text('将焦点移到任务表单的第一个输入框', 'sets the focus to the first input field in a task form')
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: text('打开“发起流程”对话框', 'opens the start process modal dialog')
    }
  }
};
