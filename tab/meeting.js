// The tab in a Teams meeting (tab.js hands over to it): on the configuration page the case the meeting
// is about is chosen from the person's own cases; in the meeting's side panel (and its tabs) that case's
// meeting checklist and goals and agreements form are shown, answered and written through the API
// (bot/tab/meetingPanelApi.ts), which decides what this person may do. Text goes in as text, never as markup.
(function () {
  'use strict';

  /** The case the tab was saved with (configure below); none in a tab added before cases could be linked. */
  var CASE_ID = new URLSearchParams(location.search).get('caseId') || '';

  /** tab.js's helpers (element, fill, say, texts, locale), the token and the panel last shown. */
  var shared = null;
  var state = { token: '', view: null };

  function tm() {
    return shared.texts().meeting;
  }

  /** A UUID per save, so that a repeated request is applied once (the API's requestId). */
  function requestId() {
    return window.crypto && typeof window.crypto.randomUUID === 'function' ? window.crypto.randomUUID() : undefined;
  }

  /** A call to the API; `show` gets the answer, a refusal is said as the API words it and nothing else changes. */
  function call(method, path, body, show) {
    var options = { method: method, headers: { Authorization: 'Bearer ' + state.token }, cache: 'no-store' };
    if (body) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    var query = (path.indexOf('?') < 0 ? '?' : '&') + 'locale=' + encodeURIComponent(shared.locale());
    return fetch(path + query, options)
      .then(function (response) {
        return response.json().then(function (answer) {
          if (response.ok) show(answer);
          else shared.say(answer && answer.message ? answer.message : tm().saveFailed);
          return response.ok;
        });
      })
      .catch(function () {
        shared.say(tm().saveFailed);
        return false;
      });
  }

  var casePath = function () {
    return '/api/tab/cases/' + encodeURIComponent(CASE_ID);
  };
  /** The meeting the panel shows stays shown after a change. */
  var meetingQuery = function () {
    return state.view && state.view.meeting ? '?meeting=' + encodeURIComponent(state.view.meeting.id) : '';
  };

  // The checklist -------------------------------------------------------------------------------------

  function inputFor(question, inputId) {
    var el = shared.element;
    if (question.input === 'choice') {
      var select = el('select', { id: inputId, name: 'answer' }, [el('option', { value: '' }, ['–'])]);
      question.choices.forEach(function (choice) {
        var option = el('option', { value: choice.value }, [choice.title]);
        if (choice.value === question.value) option.selected = true;
        select.appendChild(option);
      });
      return select;
    }
    if (question.input === 'toggle') {
      var box = el('input', { id: inputId, name: 'answer', type: 'checkbox' });
      box.checked = question.value === 'yes';
      return box;
    }
    if (question.input === 'number' || question.input === 'emptyNumber') {
      return el('input', { id: inputId, name: 'answer', type: 'number', min: '1', inputmode: 'numeric', value: question.value });
    }
    return el('input', { id: inputId, name: 'answer', type: 'text', maxlength: '200', value: question.value });
  }

  /** One question the reader may answer now: a choice or a tick is saved as it is made, text with its button. */
  function questionForm(meetingId, question) {
    var el = shared.element;
    var inputId = 'answer-' + question.id;
    var input = inputFor(question, inputId);
    var immediate = question.input === 'choice' || question.input === 'toggle';
    var form = el('form', { class: 'question' + (question.input === 'toggle' ? ' toggle' : '') }, [
      question.input === 'toggle' ? input : null,
      el('label', { for: inputId }, [question.label]),
      question.input === 'toggle' ? null : input,
      // The agenda's guidance is long: folded, so the panel stays short while the meeting runs.
      question.guidance ? el('details', { class: 'note' }, [el('summary', {}, [tm().guidance])].concat(question.guidance.split('\n\n').map(function (line) {
        return el('p', {}, [line]);
      }))) : null,
      immediate ? null : el('button', { type: 'submit' }, [tm().saveAnswer]),
    ]);
    var save = function () {
      var answer = question.input === 'toggle' ? (input.checked ? 'yes' : 'no') : input.value;
      shared.say(tm().saving);
      call('POST', casePath() + '/meetings/' + encodeURIComponent(meetingId) + '/answers', { questionId: question.id, answer: answer, seen: question.seen, requestId: requestId() }, function (view) {
        render(view, inputId, form);
      });
    };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      save();
    });
    if (immediate) input.addEventListener('change', save);
    return form;
  }

  function checklist(meeting) {
    var el = shared.element;
    var parts = [
      el('h2', { id: 'panel-meeting' }, [meeting.title]),
      el('p', {}, [meeting.startsAt + ' · ' + meeting.state]),
      meeting.kindNote ? el('p', { class: 'note' }, [meeting.kindNote]) : null,
      el('p', {}, [state.view.checklistLabels.progress + ': ' + meeting.progress]),
      meeting.dropped ? el('p', { class: 'note' }, [meeting.dropped]) : null,
    ];
    meeting.sections.forEach(function (section, index) {
      var headingId = 'panel-section-' + index;
      var seen = section.seen;
      var children = [el('h3', { id: headingId }, [section.title]), section.progress ? el('p', { class: 'note' }, [section.progress]) : null, section.note ? el('p', { class: 'note' }, [section.note]) : null];
      section.questions.forEach(function (question) {
        if (question.input === 'heading') children.push(el('h4', {}, [question.label]));
        else if (question.input === 'info') children.push(el('p', { class: 'note' }, [question.label + (question.display ? ': ' + question.display : '')]));
        else children.push(questionForm(meeting.id, Object.assign({ seen: seen[question.id] }, question)));
      });
      if (section.answers.length > 0) {
        var list = el('dl', { class: 'answers' }, []);
        section.answers.forEach(function (answer) {
          if (answer.input === 'heading') {
            list.appendChild(el('dt', { class: 'group' }, [answer.label]));
            list.appendChild(el('dd', {}, []));
          } else {
            list.appendChild(el('dt', {}, [answer.label]));
            list.appendChild(el('dd', {}, [answer.display]));
          }
        });
        children.push(list);
      }
      parts.push(el('section', { class: 'panel-section', 'aria-labelledby': headingId }, children));
    });
    return parts;
  }

  // The goals and agreements form -----------------------------------------------------------------------

  function field(id, label, control) {
    return [shared.element('label', { for: id }, [label]), control];
  }

  function choiceSelect(id, name, choices, required) {
    var el = shared.element;
    var select = el('select', required ? { id: id, name: name, required: 'required' } : { id: id, name: name }, [el('option', { value: '' }, [state.view.goals.labels.choose])]);
    choices.forEach(function (choice) {
      select.appendChild(el('option', { value: choice.value }, [choice.title]));
    });
    return select;
  }

  /** A form whose fields, by name, make the body of a POST to `path`; the panel is shown again after it. */
  function writeForm(formId, path, fields, submitLabel, extra) {
    var el = shared.element;
    var form = el('form', { id: formId, class: 'write' }, [].concat.apply([], fields).concat([el('button', { type: 'submit' }, [submitLabel])]));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = Object.assign({ requestId: requestId() }, extra || {});
      Array.prototype.forEach.call(form.elements, function (input) {
        if (!input.name || (input.type === 'radio' && !input.checked)) return;
        if (input.type === 'checkbox') body[input.name] = input.checked;
        else if (input.value !== '') body[input.name] = input.value;
      });
      shared.say(tm().saving);
      call('POST', casePath() + path + meetingQuery(), body, function (view) {
        render(view, null, form);
      });
    });
    return form;
  }

  function goalsForm(goals) {
    var el = shared.element;
    var labels = goals.labels;
    var parts = [el('h2', { id: 'panel-goals' }, [labels.heading])];
    if (!goals.canWrite) parts.push(el('p', { class: 'note' }, [goals.readOnlyNote]));
    if (goals.themes.length === 0) parts.push(el('p', {}, [labels.noGoals]));
    var goalIndex = 0;
    goals.themes.forEach(function (theme) {
      parts.push(el('h3', {}, [theme.label]));
      theme.goals.forEach(function (goal) {
        var n = goalIndex++;
        var agreements = goal.agreements.length === 0
          ? el('p', { class: 'note' }, [labels.noAgreements])
          : el(
              'ul',
              { class: 'agreements' },
              goal.agreements.map(function (agreement) {
                return el('li', {}, [el('p', {}, [agreement.action]), agreement.recommendation ? el('p', { class: 'note' }, [agreement.recommendation]) : null, el('p', { class: 'note' }, [agreement.details])]);
              }),
            );
        var children = [
          el('h4', { id: 'panel-goal-' + n }, [goal.heading]),
          el('p', {}, [goal.longTermGoal]),
          goal.subGoals ? el('p', {}, [labels.subGoals + ': ' + goal.subGoals]) : null,
          goal.outcome ? el('p', { class: 'note' }, [goal.outcome]) : null,
          el('p', { class: 'note' }, [labels.agreements]),
          agreements,
        ];
        if (goals.canWrite) {
          var id = function (name) {
            return 'agreement-' + n + '-' + name;
          };
          children.push(
            el('details', {}, [
              el('summary', {}, [labels.addAgreement]),
              writeForm(
                'agreement-form-' + n,
                '/agreements',
                [
                  field(id('action'), labels.action, el('textarea', { id: id('action'), name: 'action', rows: '3', required: 'required' })),
                  field(id('owner'), labels.owner, choiceSelect(id('owner'), 'ownerMemberId', goals.ownerChoices, true)),
                  field(id('followUpOn'), labels.followUpOn, el('input', { id: id('followUpOn'), name: 'followUpOn', type: 'date', required: 'required' })),
                  field(id('method'), labels.followUpMethod, choiceSelect(id('method'), 'followUpMethod', goals.methodChoices, true)),
                  field(id('other'), labels.followUpMethodOther, el('input', { id: id('other'), name: 'followUpMethodOther', type: 'text' })),
                  [el('div', { class: 'toggle' }, [el('input', { id: id('visitation'), name: 'needsVisitation', type: 'checkbox' }), el('label', { for: id('visitation') }, [labels.needsVisitationTitle])])],
                ],
                labels.save,
                { goalId: goal.id },
              ),
            ]),
            el('details', {}, [
              el('summary', {}, [labels.revise]),
              writeForm(
                'revise-form-' + n,
                '/goals/' + encodeURIComponent(goal.id),
                [
                  field(id('long'), labels.longTermGoal, el('textarea', { id: id('long'), name: 'longTermGoal', rows: '3', required: 'required' }, [goal.longTermGoal])),
                  field(id('sub'), labels.subGoals, el('textarea', { id: id('sub'), name: 'subGoals', rows: '3' }, [goal.subGoals])),
                ],
                labels.saveRevision,
              ),
            ]),
            el('details', {}, [
              el('summary', {}, [labels.mark]),
              writeForm(
                'outcome-form-' + n,
                '/goals/' + encodeURIComponent(goal.id) + '/outcome',
                [
                  [
                    el('fieldset', {}, [
                      el('legend', {}, [labels.reached]),
                      el('div', { class: 'toggle' }, [el('input', { id: id('yes'), name: 'reached', type: 'radio', value: 'yes', required: 'required' }), el('label', { for: id('yes') }, [labels.yes])]),
                      el('div', { class: 'toggle' }, [el('input', { id: id('no'), name: 'reached', type: 'radio', value: 'no' }), el('label', { for: id('no') }, [labels.no])]),
                    ]),
                  ],
                  field(id('reason'), labels.reason, el('textarea', { id: id('reason'), name: 'reason', rows: '2', required: 'required' })),
                ],
                labels.saveOutcome,
              ),
            ]),
          );
        }
        parts.push(el('article', { class: 'case', 'aria-labelledby': 'panel-goal-' + n }, children));
      });
    });
    if (goals.canWrite) {
      parts.push(
        el('details', {}, [
          el('summary', {}, [labels.addGoal]),
          writeForm(
            'goal-form',
            '/goals',
            [
              field('goal-theme', labels.theme, choiceSelect('goal-theme', 'theme', goals.themeChoices, true)),
              field('goal-long', labels.longTermGoal, el('textarea', { id: 'goal-long', name: 'longTermGoal', rows: '3', required: 'required' })),
              field('goal-sub', labels.subGoals, el('textarea', { id: 'goal-sub', name: 'subGoals', rows: '3' })),
            ],
            labels.save,
          ),
        ]),
      );
    }
    return parts;
  }

  // The panel -------------------------------------------------------------------------------------------

  /** What the person has typed and not saved, outside the form just saved: a save elsewhere keeps it. */
  function unsavedTyping(savedForm) {
    var kept = {};
    document.querySelectorAll('#content input, #content textarea').forEach(function (input) {
      if (input.type === 'checkbox' || input.type === 'radio' || !input.id || (savedForm && savedForm.contains(input))) return;
      if (input.value !== input.defaultValue) kept[input.id] = input.value;
    });
    return kept;
  }

  function render(view, focusId, savedForm) {
    var kept = unsavedTyping(savedForm);
    state.view = view;
    var el = shared.element;
    var refresh = el('button', { type: 'button', class: 'refresh' }, [tm().refresh]);
    refresh.addEventListener('click', load);
    var parts = [el('p', { class: 'note' }, [shared.fill(shared.texts().caseTitle, { reference: view.reference }) + ': ' + view.youngPersonName]), refresh];
    parts = parts.concat(view.meeting ? checklist(view.meeting) : [el('p', {}, [view.noMeeting])]).concat(goalsForm(view.goals));
    var content = document.getElementById('content');
    content.replaceChildren.apply(
      content,
      parts.filter(function (part) {
        return part !== null;
      }),
    );
    Object.keys(kept).forEach(function (id) {
      var input = document.getElementById(id);
      if (input) input.value = kept[id];
    });
    shared.say(view.notice || '');
    var focus = focusId && document.getElementById(focusId);
    if (focus) focus.focus();
  }

  function load() {
    shared.say(shared.texts().loading);
    return call('GET', casePath() + '/meeting' + meetingQuery(), null, function (view) {
      render(view, null);
    });
  }

  // The configuration page in a meeting: which case is it about? -------------------------------------------

  function configure(teams) {
    var el = shared.element;
    var chosen = '';
    teams.pages.config.registerOnSaveHandler(function (saveEvent) {
      teams.pages.config
        .setConfig({ entityId: 'case-' + chosen, contentUrl: location.origin + '/tab?caseId=' + encodeURIComponent(chosen), suggestedDisplayName: tm().tabName })
        .then(
          function () {
            saveEvent.notifySuccess();
          },
          function (error) {
            saveEvent.notifyFailure(String((error && error.message) || error));
          },
        );
    });
    return call('GET', '/api/tab/cases', null, function (view) {
      var cases = view.coordinatorCases.concat(view.memberCases);
      if (cases.length === 0) {
        shared.say(tm().noCases);
        return;
      }
      var options = cases.map(function (item) {
        var id = 'case-' + item.caseId;
        var radio = el('input', { type: 'radio', name: 'case', id: id, value: item.caseId });
        radio.addEventListener('change', function () {
          chosen = item.caseId;
          teams.pages.config.setValidityState(true);
        });
        return el('div', { class: 'toggle' }, [radio, el('label', { for: id }, [shared.fill(shared.texts().caseTitle, { reference: item.reference }) + ': ' + item.youngPersonName])]);
      });
      var content = document.getElementById('content');
      content.replaceChildren(el('p', {}, [tm().configIntro]), el('fieldset', {}, [el('legend', {}, [tm().chooseCase])].concat(options)));
      shared.say('');
    });
  }

  window.samarbejdsbotMeeting = {
    /** The configuration page of a tab added to a meeting; a tab saved with a case, or any in the side panel. */
    handles: function (context, configuring) {
      if (configuring) return Boolean(context.meeting && context.meeting.id);
      return Boolean(CASE_ID) || context.page.frameContext === 'sidePanel';
    },
    start: function (teams, configuring, helpers) {
      shared = helpers;
      shared.say(shared.texts().loading);
      return teams.authentication.getAuthToken().then(
        function (token) {
          state.token = token;
          if (configuring) return configure(teams);
          if (!CASE_ID) {
            shared.say(tm().noCaseLinked);
            return;
          }
          return load();
        },
        function () {
          shared.say(shared.texts().signInFailed);
        },
      );
    },
  };
})();
