/* lsan.c -- the LeakSanitizer hook of the relapselab tool (read only in sanitizer builds).
**
** fontconfig, which cairo uses to find fonts for `plot` and `report`, keeps its parsed
** configuration (about 1 KB) for the life of the process; LeakSanitizer would report it at
** exit and fail every command test under `make test`. It is not a leak of relapselab (see
** docs/PLOT.md, "Limits"; tests/unit/test_plot.c has the same hook).
*/
const char *__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
