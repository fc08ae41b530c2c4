// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
// Month and day names of the date picker in Kazakh and Russian: Frappe 15 ships neither (its
// datepicker_i18n.js has no kk or ru), so a kk or ru user's calendar spoke English. Loaded after Frappe's
// controls bundle (hooks.app_include_js), where the picker looks a user's language up.
(function () {
	if (!$.fn.datepicker || !$.fn.datepicker.language) return;
	$.fn.datepicker.language.kk = {
		days: ["Жексенбі", "Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі"],
		daysShort: ["Жек", "Дүй", "Сей", "Сәр", "Бей", "Жұм", "Сен"],
		daysMin: ["Жс", "Дс", "Сс", "Ср", "Бс", "Жм", "Сб"],
		months: [
			"Қаңтар",
			"Ақпан",
			"Наурыз",
			"Сәуір",
			"Мамыр",
			"Маусым",
			"Шілде",
			"Тамыз",
			"Қыркүйек",
			"Қазан",
			"Қараша",
			"Желтоқсан",
		],
		monthsShort: ["Қаң", "Ақп", "Нау", "Сәу", "Мам", "Мау", "Шіл", "Там", "Қыр", "Қаз", "Қар", "Жел"],
		today: "Бүгін",
		clear: "Тазалау",
		dateFormat: "dd.mm.yyyy",
		timeFormat: "hh:ii",
		firstDay: 1,
	};
	$.fn.datepicker.language.ru = {
		days: ["Воскресенье", "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота"],
		daysShort: ["Вс", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб"],
		daysMin: ["Вс", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб"],
		months: [
			"Январь",
			"Февраль",
			"Март",
			"Апрель",
			"Май",
			"Июнь",
			"Июль",
			"Август",
			"Сентябрь",
			"Октябрь",
			"Ноябрь",
			"Декабрь",
		],
		monthsShort: ["Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"],
		today: "Сегодня",
		clear: "Очистить",
		dateFormat: "dd.mm.yyyy",
		timeFormat: "hh:ii",
		firstDay: 1,
	};
})();
