//! Tests that wait on real time: the file watcher, the real binary in tmux, the worker pool.
//! They poll with generous deadlines (nothing is timed) and run in their own binary, so
//! cargo never runs them beside the CPU-heavy integration tests.

mod e2e_tmux;
mod watch_live;
mod worker_pool;
