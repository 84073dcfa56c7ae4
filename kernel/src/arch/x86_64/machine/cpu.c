/*
 * x86_64 descriptor tables and CPU features: the GDT with user segments and a TSS whose rsp0
 * follows the current thread's context, the IDT pointing at the trap stubs, SYSCALL/SYSRET
 * (STAR, LSTAR, FMASK) and FXSAVE/SSE for user code (the kernel itself uses no SSE).
 */
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/machine.h>
#include <arch/segments.h>
#include <util.h>

typedef struct idt_gate {
    uint16_t offset_low, selector;
    uint8_t ist, type;
    uint16_t offset_mid;
    uint32_t offset_high, reserved;
} PACKED idt_gate_t;

typedef struct descriptor_ptr {
    uint16_t limit;
    uint64_t base;
} PACKED descriptor_ptr_t;

static uint64_t gdt[GDT_ENTRIES] ALIGN(16);
tss_t tss ALIGN(16);
static idt_gate_t idt[256] ALIGN(16);
fpu_state_t fpu_initial_state;


extern char trap_stubs[];
extern char syscall_entry[];
extern word_t syscall_stack[];
extern char syscall_fastpath_declined[];

#define SEG_KERNEL_CODE 0x00af9a000000ffffull
#define SEG_KERNEL_DATA 0x00cf92000000ffffull
#define SEG_USER_DATA 0x00cff2000000ffffull
#define SEG_USER_CODE 0x00affa000000ffffull
#define GATE_INTERRUPT 0x8e /* present, DPL 0: user `int n` raises #GP */
#define RFLAGS_MASK 0x47700 /* cleared on SYSCALL: TF, IF, DF, AC, NT, IOPL */
#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)

static void load_gdt(void)
{
    word_t base = (word_t)&tss, limit = sizeof(tss) - 1;
    gdt[1] = SEG_KERNEL_CODE;
    gdt[2] = SEG_KERNEL_DATA;
    gdt[3] = SEG_USER_DATA;
    gdt[4] = SEG_USER_CODE;
    /* 64-bit available TSS descriptor, 16 bytes. */
    gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
             (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[6] = base >> 32;
    tss.iomap_base = sizeof(tss); /* no I/O bitmap: user port access always faults */
    descriptor_ptr_t p = { sizeof(gdt) - 1, (uint64_t)gdt };
    __asm__ volatile("lgdt %0\n"
                     "mov %1, %%ds\n mov %1, %%es\n mov %1, %%ss\n"
                     "pushq %2\n lea 1f(%%rip), %%rax\n pushq %%rax\n lretq\n1:\n"
                     "ltr %w3\n"
                     :
                     : "m"(p), "r"((word_t)KERNEL_DS), "i"(KERNEL_CS), "r"((word_t)TSS_SEL)
                     : "rax", "memory");
}

static void load_idt(void)
{
    for (unsigned v = 0; v < 256; v++) {
        word_t target = (word_t)trap_stubs + 16 * v;
        idt[v] = (idt_gate_t){ .offset_low = (uint16_t)target, .selector = KERNEL_CS, .type = GATE_INTERRUPT,
                               .offset_mid = (uint16_t)(target >> 16), .offset_high = (uint32_t)(target >> 32) };
    }
    descriptor_ptr_t p = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" ::"m"(p));
}

static void init_syscall(void)
{
    wrmsr(MSR_STAR, ((word_t)(USER_DS - 8 - 3) << 48) | ((word_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (word_t)syscall_entry);
    /* where a fastpath that declines returns to (traps.S: syscall_entry jumps to it) */
    syscall_stack[0] = (word_t)syscall_fastpath_declined;
    wrmsr(MSR_FMASK, RFLAGS_MASK);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static void init_fpu(void)
{
    write_cr0((read_cr0() & ~(word_t)CR0_EM) | CR0_MP);
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    uint32_t mxcsr = 0x1f80;
    __asm__ volatile("fninit\n ldmxcsr %0" ::"m"(mxcsr));
    arch_fpu_save(&fpu_initial_state);
}

void cpu_init(void)
{
    load_gdt();
    load_idt();
    init_syscall();
    init_fpu();
}


