/*
 * Settings shared by the scripts/config.js of the four Camunda webapps (SecFlow branding,
 * languages, date formats). Each app's config.js imports this ES module and spreads
 * `secflowConfig(app)` into its own `export default`.
 *
 * Options used, all of them documented in the webapps' config.js:
 *  - app.vendor / app.name: header brand and browser title ("SecFlow …")
 *  - locales: zh and en; zh is the fallback; secflow.js makes zh the default whatever the
 *    browser's language and keeps the user's choice of the footer switch
 *  - dateFormat: moment tokens whose Chinese forms come from locales/zh.json (dateLocales)
 *  - requireJsConfig: loads secflow.js (AngularJS module `secflow.webapp`)
 *  - disableWelcomeMessage: no Camunda greeting in the browser console
 */
export const language = (() => {
  try {
    return window.localStorage.getItem('secflow.locale') === 'en' ? 'en' : 'zh';
  } catch (e) {
    return 'zh';
  }
})();

export const PRODUCT = 'SecFlow 政务外网安全服务合规引擎';

const APP_NAMES = {
  tasklist: {zh: '任务中心', en: 'Tasklist'},
  cockpit: {zh: '流程监控', en: 'Cockpit'},
  admin: {zh: '系统管理', en: 'Admin'},
  welcome: {zh: '首页', en: 'Welcome'}
};

const SECFLOW_SCRIPT = new URL('./secflow', import.meta.url).href;

export function text(zh, en) {
  return language === 'en' ? en : zh;
}

export function secflowConfig(app) {
  return {
    app: {
      vendor: 'SecFlow',
      name: text('政务外网安全服务合规引擎 · ', 'Compliance Engine · ') + APP_NAMES[app][language]
    },
    locales: {
      availableLocales: ['zh', 'en'],
      fallbackLocale: 'zh'
    },
    dateFormat: {
      monthName: 'MMMM',
      day: 'DD',
      abbr: 'lll',
      normal: 'LLL',
      long: 'LLLL',
      short: 'LL'
    },
    requireJsConfig: {
      deps: ['secflow'],
      ngDeps: ['secflow.webapp'],
      paths: {secflow: SECFLOW_SCRIPT}
    },
    disableWelcomeMessage: true
  };
}
