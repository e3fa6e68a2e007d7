package org.clinicfinder.common;

/**
 * An answer whose JSON is already written, in the contract's shape, as UTF-8 bytes: sent as those bytes
 * (ConditionalResponseFilter, and {@link JsonMixins} wherever Jackson meets one), never serialised again.
 */
public interface WrittenJson {

    byte[] json();
}
