/*
 * SecFlow configuration of the Camunda Welcome page (replaces the webjar's scripts/config.js).
 * Shared settings (brand, languages, date formats, secflow.js): ../../../assets/secflow/secflow-config.js
 *
 * `links` is the Welcome app's list of custom links (shown under "链接" for every user; the app
 * tiles above them already follow each user's authorizations). Relative to /camunda/app/welcome/<engine>/.
 */
import {secflowConfig, text} from '../../../assets/secflow/secflow-config.js';

export default {
  ...secflowConfig('welcome'),

  links: [
    {
      label: text('任务中心 · 办理待办任务', 'Tasklist · work your tasks'),
      href: '../../tasklist/default/',
      description: text(
        '管理类、技术类、操作类人员：上报安全事件（应急响应 7.5.1）、认领并办理本组待办、查看即将超时和已超时任务',
        'Management, technical and operations staff: report incidents (7.5.1), claim and complete your group\'s tasks, watch due dates')
    },
    {
      label: text('流程监控 · 审计与追溯', 'Cockpit · audit and trace'),
      href: '../../cockpit/default/#/processes',
      description: text(
        '审计人员：查看流程定义、运行中和已结束的流程实例、决策记录与处理历史（只读）',
        'Auditors: process definitions, running and finished instances, decisions and history (read-only)')
    },
    {
      label: text('流程历史与合规追溯 · 审计', 'History and conformance · audit'),
      href: '../../../../audit/',
      description: text(
        '审计人员：按服务项目、期间、状态和事件级别查看流程实例，流程图上标出已执行路径和条款完成情况，导出合规性核查报告和汇总报告（HTML/PDF，只读）',
        'Auditors: instances by item, period, state and grade; the diagram with the executed path and clause badges; conformance reports as HTML or PDF (read-only)')
    },
    {
      label: text('系统管理 · 用户、组与授权', 'Admin · users, groups, authorizations'),
      href: '../../admin/default/#/users',
      description: text(
        '管理员：维护用户和岗位组（管理类 management、技术类 technical、操作类 operations、审计 auditor）及其授权',
        'Administrators: users, the groups management, technical, operations, auditor and their authorizations')
    },
    {
      label: text('部署管理 · 流程、表单与决策', 'Deployments · processes, forms, decisions'),
      href: '../../cockpit/default/#/repository',
      description: text(
        '管理员：查看已部署的 BPMN 流程、Camunda 表单及其版本',
        'Administrators: the deployed BPMN processes and Camunda Forms and their versions')
    },
    {
      label: text('合规覆盖情况（接口）', 'Compliance coverage (API)'),
      href: '../../../../api/compliance',
      description: text(
        'T/DGAG 040—2025 第 7 章条款与已部署流程的对应关系（JSON）',
        'Clauses of T/DGAG 040-2025 section 7 against the deployed processes (JSON)')
    }
  ]
};
