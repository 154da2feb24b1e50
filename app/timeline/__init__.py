"""The timeline file format: dates and calendars, reading YAML safely, validation with
file:line:col, the model of dated statements and the JSON Schema. No pandas, no plotly."""
