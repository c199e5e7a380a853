/*
 * SecFlow additions to the Camunda 7 webapps (Tasklist, Cockpit, Admin, Welcome).
 *
 * Loaded by each app's scripts/config.js through the webapps' documented `requireJsConfig`
 * (deps + ngDeps): this file defines the AngularJS module `secflow.webapp`, which the app
 * bootstraps as a dependency of its `cam.<app>.custom` module. It does four things:
 *
 *  1. Language: Chinese (zh) is used unless the user picked English with the switch in the
 *     footer (kept in localStorage under `secflow.locale`), whatever the browser's language.
 *  2. Footer: time zone line (with a warning when the browser does not run on Beijing time),
 *     the product name and the 中文 / English switch, instead of "Powered by Camunda".
 *  3. Date pickers: weeks start on Monday; Chinese day and month names when zh is used.
 *  4. Camunda Forms (form-js): its validation messages are hard-coded English strings without
 *     a translation API, so they are replaced in the page by Chinese ones naming the field.
 *  5. Login (GB/T 22239—2019 8.1.4.1): a field for the second factor (TOTP code or recovery code), sent
 *     with the login form; a note whether the second factor is required (the demo profile says it is
 *     not); the server's refusals shown in Chinese, and on PASSWORD_CHANGE_REQUIRED or
 *     SECOND_FACTOR_ENROLMENT_REQUIRED the browser goes to the first-login page /account/.
 */
define([], function () {
  'use strict';
  var angular = window.angular;
  var STORAGE_KEY = 'secflow.locale';
  var LANGUAGES = ['zh', 'en'];
  var PRODUCT = 'SecFlow 政务外网安全服务合规引擎';

  function chosenLanguage() {
    var stored = null;
    try {
      stored = window.localStorage.getItem(STORAGE_KEY);
    } catch (e) {
      stored = null;
    }
    return LANGUAGES.indexOf(stored) >= 0 ? stored : 'zh';
  }

  function chooseLanguage(lang) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch (e) {
      // private mode: the choice lasts for this page only
    }
    window.location.reload();
  }

  // ---- 4. form-js validation messages -------------------------------------------------------
  var FORM_MESSAGES = [
    [/^Field is required\.$/, function (m, label) {
      return label ? '「' + label + '」为必填项，请填写。' : '此项为必填项，请填写。';
    }],
    [/^Field must match pattern (.*)\.$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '格式不正确（应符合 ' + m[1] + '）。';
    }],
    [/^Field must have minimum value of (.*)\.$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '不能小于 ' + m[1] + '。';
    }],
    [/^Field must have maximum value of (.*)\.$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '不能大于 ' + m[1] + '。';
    }],
    [/^Field must have minimum length of (.*)\.$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '至少需要 ' + m[1] + ' 个字符。';
    }],
    [/^Field must have maximum length of (.*)\.$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '最多允许 ' + m[1] + ' 个字符。';
    }],
    [/^Field must be a valid email\.$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '须为有效的电子邮箱地址。';
    }],
    [/^Field must be a valid\s+international phone number.*$/, function (m, label) {
      return (label ? '「' + label + '」' : '此项') + '须为有效的国际格式电话号码（例如 +862012345678）。';
    }],
    [/^Value is not a number\.$/, function () {
      return '请输入数字。';
    }],
    [/^Value is expected to be an integer\.$/, function () {
      return '请输入整数。';
    }],
    [/^Value is expected to have at most (\d+) decimal digits?\.$/, function (m) {
      return '最多保留 ' + m[1] + ' 位小数。';
    }],
    [/^Please select a valid value, the two nearest valid values are (.*) and (.*)\.$/, function (m) {
      return '请输入有效值，最接近的两个有效值为 ' + m[1] + ' 和 ' + m[2] + '。';
    }]
  ];

  function fieldLabel(errorNode) {
    var field = errorNode.closest ? errorNode.closest('.fjs-form-field') : null;
    var label = field ? field.querySelector('.fjs-form-field-label') : null;
    if (!label) {
      return '';
    }
    return label.textContent.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
  }

  // Preact owns these nodes: change the data of its text nodes in place, never replace them.
  function replaceText(node, text) {
    var textNode = node.firstChild;
    if (textNode && textNode.nodeType === 3 && node.childNodes.length === 1) {
      textNode.nodeValue = text;
    }
  }

  function localizeFormControls(root) {
    Array.prototype.forEach.call(root.querySelectorAll('.fjs-select-placeholder'), function (node) {
      if (node.textContent === 'Select') {
        replaceText(node, '请选择');
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll('.fjs-container input[placeholder="Search"]'), function (node) {
      node.setAttribute('placeholder', '搜索');
    });
  }

  function localizeFormErrors(root) {
    localizeFormControls(root);
    var nodes = root.querySelectorAll ? root.querySelectorAll('.fjs-form-field-error') : [];
    Array.prototype.forEach.call(nodes, function (node) {
      var items = node.querySelectorAll('li, span');
      var targets = items.length ? items : [node];
      Array.prototype.forEach.call(targets, function (target) {
        if (target.children.length) {
          return;
        }
        var text = (target.textContent || '').trim();
        for (var i = 0; i < FORM_MESSAGES.length; i++) {
          var match = FORM_MESSAGES[i][0].exec(text);
          if (match) {
            replaceText(target, FORM_MESSAGES[i][1](match, fieldLabel(node)));
            target.setAttribute('data-secflow-original', text);
            return;
          }
        }
      });
    });
  }

  function watchFormErrors() {
    if (!window.MutationObserver || !document.body) {
      return;
    }
    var scheduled = false;
    new window.MutationObserver(function () {
      if (scheduled) {
        return;
      }
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        localizeFormErrors(document.body);
      });
    }).observe(document.body, {childList: true, subtree: true, characterData: true});
  }

  // ---- 3. Chinese names for AngularJS' own date formatting (date pickers) ----------------------
  var ZH_DATETIME = {
    MONTH: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    SHORTMONTH: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    STANDALONEMONTH: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    DAY: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    SHORTDAY: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    AMPMS: ['上午', '下午'],
    FIRSTDAYOFWEEK: 0, // AngularJS counts from Monday
    fullDate: 'y年M月d日EEEE',
    longDate: 'y年M月d日',
    medium: 'y年M月d日 HH:mm:ss',
    mediumDate: 'y年M月d日',
    mediumTime: 'HH:mm:ss',
    short: 'y/M/d HH:mm',
    shortDate: 'y/M/d',
    shortTime: 'HH:mm'
  };

  // ---- 2. footer -----------------------------------------------------------------------------
  var FOOTER =
    '<div class="container-fluid">' +
    '  <div class="row">' +
    '    <div id="footer-timezone" class="col-xs-6">' +
    '      {{ \'CAM_WIDGET_FOOTER_TIMEZONE\' | translate }} <i>{{ timezoneName }}</i>' +
    '      <span class="secflow-tz-warning" ng-if="!beijingTime">{{ tzWarning }}</span>' +
    '    </div>' +
    '    <div class="col-xs-6 secflow-footer-right">' +
    '      <span class="secflow-product">' + PRODUCT + '</span>' +
    '      <span class="secflow-lang-switch">' +
    '        <a href ng-click="chooseLanguage(\'zh\')" ng-class="{active: language === \'zh\'}" lang="zh-CN">中文</a> |' +
    '        <a href ng-click="chooseLanguage(\'en\')" ng-class="{active: language === \'en\'}" lang="en">English</a>' +
    '      </span>' +
    '    </div>' +
    '  </div>' +
    '</div>';

  function isBeijingTime() {
    // China has no daylight saving time: Beijing time is UTC+8 all year.
    var now = new Date();
    var january = new Date(now.getFullYear(), 0, 1);
    var july = new Date(now.getFullYear(), 6, 1);
    return now.getTimezoneOffset() === -480 && january.getTimezoneOffset() === -480 &&
      july.getTimezoneOffset() === -480;
  }


  // ---- 5. login: second factor, demo note, first-login page ----------------------------------
  var LOGIN_URL = /\/api\/admin\/auth\/user\/[^/]+\/login\/[^/]+$/;
  var loginSettings = null;

  function currentApp() {
    var match = /\/app\/([a-z]+)\//.exec(window.location.pathname);
    return match ? match[1] : 'tasklist';
  }

  function loginMessage(text) {
    var box = document.getElementById('secflow-login-message');
    if (box) {
      box.textContent = text || '';
      box.style.display = text ? 'block' : 'none';
    }
  }

  function noteText() {
    if (!loginSettings) {
      return '';
    }
    return loginSettings.secondFactorRequired
      ? '请输入密码和动态口令（6 位数字）或恢复码。首次登录将引导修改密码并绑定动态口令。'
      : '演示配置：未启用第二因子（动态口令），仅凭密码即可登录；生产配置（mysql）要求每人使用动态口令。' +
        '已绑定动态口令的账户仍须输入。';
  }

  function addSecondFactorField() {
    var password = document.querySelector('.form-signin input[ng-model="password"]');
    if (!password || document.getElementById('secflow-second-factor')) {
      return;
    }
    var field = document.createElement('input');
    field.id = 'secflow-second-factor';
    field.className = 'form-control';
    field.setAttribute('autocomplete', 'one-time-code');
    field.setAttribute('tabindex', '2');
    field.setAttribute('placeholder', '动态口令或恢复码');
    password.parentNode.insertBefore(field, password.nextSibling);
    var note = document.createElement('p');
    note.id = 'secflow-login-note';
    note.className = 'secflow-login-note';
    note.textContent = noteText();
    var message = document.createElement('p');
    message.id = 'secflow-login-message';
    message.className = 'secflow-login-message';
    message.style.display = 'none';
    var form = password.form || password.parentNode;
    form.parentNode.insertBefore(note, form.nextSibling);
    form.parentNode.insertBefore(message, note);
  }

  function watchLogin() {
    window.fetch('/account/settings', {credentials: 'same-origin'}).then(function (r) {
      return r.json();
    }).then(function (settings) {
      loginSettings = settings;
      var note = document.getElementById('secflow-login-note');
      if (note) {
        note.textContent = noteText();
      }
    }).catch(function () { /* no note */ });
    addSecondFactorField();
    if (window.MutationObserver && document.body) {
      new window.MutationObserver(addSecondFactorField).observe(document.body, {childList: true, subtree: true});
    }
  }

  function loginInterceptor($q) {
    return {
      request: function (config) {
        if (config.method === 'POST' && LOGIN_URL.test(config.url || '') && typeof config.data === 'string') {
          var field = document.getElementById('secflow-second-factor');
          if (field && field.value.trim()) {
            config.data += '&secondFactor=' + encodeURIComponent(field.value.trim());
            field.value = '';
          }
          loginMessage('');
        }
        return config;
      },
      responseError: function (rejection) {
        var config = rejection && rejection.config;
        var data = rejection && rejection.data;
        if (config && LOGIN_URL.test(config.url || '') && data && data.code) {
          var user = (/(?:^|&)username=([^&]*)/.exec(config.data || '') || [])[1] || '';
          user = decodeURIComponent(user.replace(/\+/g, ' '));
          if (data.code === 'PASSWORD_CHANGE_REQUIRED' || data.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED') {
            window.location.href = '/account/?app=' + currentApp() + '&user=' + encodeURIComponent(user) +
              (data.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED' ? '&step=secondFactor' : '');
          } else {
            loginMessage(data.message);
          }
        }
        return $q.reject(rejection);
      }
    };
  }

  var module = angular.module('secflow.webapp', ['pascalprecht.translate']);

  module.config(['$translateProvider', '$provide', '$injector', '$httpProvider',
    function ($translateProvider, $provide, $injector, $httpProvider) {
    $translateProvider.preferredLanguage(chosenLanguage());
    $httpProvider.interceptors.push(['$q', loginInterceptor]);

    if ($injector.has('uibDatepickerConfig')) {
      $injector.get('uibDatepickerConfig').startingDay = 1; // Monday
    }

    $provide.decorator('camWidgetFooterDirective', ['$delegate', '$translate', function ($delegate, $translate) {
      var directive = $delegate[0];
      var originalLink = directive.link;
      directive.template = FOOTER;
      directive.compile = function () {
        return function (scope) {
          if (originalLink) {
            originalLink.apply(this, arguments);
          }
          scope.language = $translate.use() || chosenLanguage();
          scope.chooseLanguage = chooseLanguage;
          scope.beijingTime = isBeijingTime();
          scope.tzWarning = scope.language === 'en'
            ? '(not Beijing time: set the computer\'s time zone to Asia/Shanghai)'
            : '（非北京时间：请将计算机时区设为 Asia/Shanghai）';
        };
      };
      return $delegate;
    }]);
  }]);

  module.run(['$locale', function ($locale) {
    watchLogin();
    if (chosenLanguage() === 'zh') {
      angular.extend($locale.DATETIME_FORMATS, ZH_DATETIME);
      $locale.id = 'zh-cn';
      document.documentElement.setAttribute('lang', 'zh-CN');
      watchFormErrors();
    }
  }]);

  return module;
});
