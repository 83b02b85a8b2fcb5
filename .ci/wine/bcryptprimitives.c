/* For running dvht.exe under Wine in CI only: never shipped (the Windows
 * zip does not contain it, and packaging/windows/build-zip.sh refuses to
 * package it).
 *
 * Rust's standard library (1.78 and later) gets its random numbers from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10/11 has but
 * Wine 8 (Debian 12's wine64) does not: the program would not start
 * (c0000135). This stub, put beside dvht.exe, exports ProcessPrng and
 * fills the buffer from RtlGenRandom (SystemFunction036, advapi32).
 *
 * Built by .ci/windows-under-wine with
 *   x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
