//! Watching the folder: notify + debouncing -> "these paths changed" hints, rescans.
