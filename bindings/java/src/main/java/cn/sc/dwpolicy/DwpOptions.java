package cn.sc.dwpolicy;

import com.sun.jna.Structure;

/**
 * The C struct {@code dwp_options}, field for field. Callers normally use {@link Options}; this is
 * public only because JNA reads its fields by reflection.
 * {@code struct_size} is set to this struct's own size, so the library reads every field below;
 * a field appended to the C struct later is left at its default by a binding built before it.
 */
@Structure.FieldOrder({"struct_size", "lang", "reserved", "rule_instructions",
        "rule_memory_bytes", "rule_time_ms"})
public final class DwpOptions extends Structure {
    public SizeT struct_size = new SizeT();
    public int lang;
    public int reserved;
    public long rule_instructions;
    public long rule_memory_bytes;
    public long rule_time_ms;

    public DwpOptions(Options o) {
        super();
        struct_size = new SizeT(size());
        lang = o.lang().code();
        rule_instructions = o.ruleInstructions();
        rule_memory_bytes = o.ruleMemoryBytes();
        rule_time_ms = o.ruleTimeMs();
        write();
    }
}
