public enum ErrgenRuntimePlaceholder {}
