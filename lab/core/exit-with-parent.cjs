// Preloaded (node --require) into the dashboard servers the lab starts: the
// server exits once the process that started it is gone, so a killed demo or
// test run leaves no server behind.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
