/** The Drover operator: watches ConsumerGroups and runs their consumer pods. */
package io.drover.operator;
